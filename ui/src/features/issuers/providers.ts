/** The issuer providers Key Vault signs through, and the local vault's own test CA. */
export const PROVIDERS = [
  { value: "DigiCert", label: "DigiCert" },
  { value: "GlobalSign", label: "GlobalSign" },
  { value: "OneCertV2-PublicCA", label: "OneCert public CA (Microsoft internal)" },
  { value: "OneCertV2-PrivateCA", label: "OneCert private CA (Microsoft internal)" },
  { value: "CertDeckLocalCA", label: "Local vault test CA (CertDeck)" },
] as const;

/** Public CAs that sign through the vault owner's account: account id and password needed. */
export const needsAccount = (provider: string) =>
  ["digicert", "globalsign"].includes(provider.toLowerCase());

export const providerLabel = (provider: string) =>
  PROVIDERS.find((p) => p.value.toLowerCase() === provider.toLowerCase())?.label ?? provider;
