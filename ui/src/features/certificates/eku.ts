/** Friendly names of the extended key usages administrators meet most. */
const ekuNames: Record<string, string> = {
  "2.5.29.37.0": "Any purpose",
  "1.3.6.1.5.5.7.3.1": "Server authentication",
  "1.3.6.1.5.5.7.3.2": "Client authentication",
  "1.3.6.1.5.5.7.3.3": "Code signing",
  "1.3.6.1.5.5.7.3.4": "Secure email",
  "1.3.6.1.5.5.7.3.5": "IPsec end system",
  "1.3.6.1.5.5.7.3.6": "IPsec tunnel",
  "1.3.6.1.5.5.7.3.7": "IPsec user",
  "1.3.6.1.5.5.7.3.8": "Time stamping",
  "1.3.6.1.5.5.7.3.9": "OCSP signing",
  "1.3.6.1.5.5.7.3.17": "IPsec IKE",
  "1.3.6.1.4.1.311.10.3.3": "Microsoft server gated crypto",
  "1.3.6.1.4.1.311.10.3.4": "Encrypting file system",
  "1.3.6.1.4.1.311.10.3.12": "Document signing",
  "1.3.6.1.4.1.311.20.2.2": "Smart card logon",
  "1.3.6.1.4.1.311.21.5": "CA encryption certificate",
  "1.3.6.1.5.2.3.5": "Kerberos KDC",
  "2.16.840.1.113730.4.1": "Netscape server gated crypto",
};

/** The usage's friendly name, or the OID itself when it has none. */
export function ekuName(oid: string): string {
  return ekuNames[oid] ?? oid;
}
