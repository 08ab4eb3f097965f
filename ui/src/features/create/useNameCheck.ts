import { useCallback, useEffect, useState } from "react";
import { backend } from "../../ipc/backend";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { type AppError, toAppError } from "../../ipc/errors";
import type { NameCheck } from "../import/item";
import { nameProblem } from "../import/names";
import { CHECK_DELAY_MS } from "../import/queue";

/** The vault's answer for `name`, asked once typing pauses; `recheck` asks again. */
export function useNameCheck(vault: VaultId, name: string) {
  const [check, setCheck] = useState<NameCheck | null>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation asks again
  useEffect(() => {
    if (nameProblem(name)) return;
    let live = true;
    const timer = window.setTimeout(() => {
      setCheck({ name, status: null, error: null });
      backend.checkCertificateName(vault, name).then(
        (status) => live && setCheck({ name, status, error: null }),
        (err: AppError) => live && setCheck({ name, status: null, error: toAppError(err) }),
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [vault, name, generation]);

  const recheck = useCallback(() => setGeneration((g) => g + 1), []);
  return { check: check?.name === name ? check : null, recheck };
}
