const features = [
  {
    title: "Import by drag and drop",
    text: "Drop PFX, PEM, CER or P7B files on the window. CertDeck reads them locally first, explains what each holds and what Key Vault will say, and repairs what it can before anything is sent.",
  },
  {
    title: "Every vault at once",
    text: "Keep many vaults side by side, each with its own sign-in, and browse their certificates, versions, policies and tags without switching tools.",
  },
  {
    title: "Expiry you can't miss",
    text: "One view of every certificate in every vault by expiry date, with the expired and soon-to-expire ones first.",
  },
  {
    title: "The whole lifecycle",
    text: "Create self-signed, CA-issued or CSR-based certificates, edit policies with their limits explained, recover or purge deleted ones, back up and restore.",
  },
];

/** The first view: what CertDeck does and how to get around. */
export function WelcomePage() {
  return (
    <div className="page">
      <div className="page-intro">
        <img src="/certdeck.svg" alt="" />
        <div>
          <h2>Welcome to CertDeck</h2>
          <p>Azure Key Vault certificates across all your vaults, in one desktop app.</p>
        </div>
      </div>
      <div className="feature-grid">
        {features.map((feature) => (
          <section key={feature.title} className="card">
            <h3>{feature.title}</h3>
            <p>{feature.text}</p>
          </section>
        ))}
      </div>
      <section className="card" aria-labelledby="shortcuts-title">
        <h3 id="shortcuts-title" className="section-title">
          Keyboard
        </h3>
        <dl className="facts">
          <dt>
            <kbd>Tab</kbd> / <kbd>Shift</kbd>+<kbd>Tab</kbd>
          </dt>
          <dd>Move between controls</dd>
          <dt>
            <kbd>Ctrl</kbd>+<kbd>,</kbd>
          </dt>
          <dd>Settings</dd>
          <dt>
            <kbd>F1</kbd>
          </dt>
          <dd>About CertDeck</dd>
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>Close a dialog</dd>
        </dl>
      </section>
    </div>
  );
}
