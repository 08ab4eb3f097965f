import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { RouterProvider } from "react-router";
import { ToastProvider } from "../components/Toasts";
import { createAppRouter } from "./routes";
import { ThemeProvider } from "./theme";

export function createQueryClient() {
  return new QueryClient({
    // Backend calls are local IPC: retrying hides real errors, refetch-on-focus adds noise.
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  });
}

export function App({ initialPath }: { initialPath?: string }) {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createAppRouter(initialPath));
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <ThemeProvider>
          <RouterProvider router={router} />
        </ThemeProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
}
