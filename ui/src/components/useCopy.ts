import { useCallback } from "react";
import { useToast } from "./Toasts";

/** Copies text to the clipboard and says so (or why it could not). */
export function useCopy() {
  const toast = useToast();
  return useCallback(
    (what: string, text: string) =>
      navigator.clipboard.writeText(text).then(
        () => toast.info(`Copied ${what}`),
        () =>
          toast.error({
            code: "Internal",
            message: `Could not copy the ${what}.`,
            hint: "The system clipboard refused it; select the text and copy it by hand.",
          }),
      ),
    [toast],
  );
}
