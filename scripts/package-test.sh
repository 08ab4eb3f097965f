#!/usr/bin/env bash
# Installs the .deb that scripts/package.sh built, as a user would (apt-get, as root), checks
# what it put on the machine (binaries, desktop entry, icons, MIME associations), starts the
# installed app through the E2E harness and in its ordinary run mode, removes the package and
# checks that nothing of it is left; also that the .rpm carries the same files as the .deb.
# Not part of scripts/test.sh: it needs the release build. Usage: scripts/package-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31mFAILED:\033[0m %s\n' "$*" >&2; exit 1; }
passed=()
pass() { passed+=("$*"); printf '  \033[32mok\033[0m %s\n' "$*"; }

[ "$(id -u)" -eq 0 ] || fail "run as root (it installs and removes a package with apt-get)."
out=${CARGO_TARGET_DIR:-target}/dist/bundle
deb=$(ls -t "$out"/deb/*.deb 2>/dev/null | head -1)
rpm=$(ls -t "$out"/rpm/*.rpm 2>/dev/null | head -1)
[ -n "$deb" ] && [ -n "$rpm" ] || fail "no packages in $out: run scripts/package.sh first."
deb=$(realpath "$deb")
pkg=$(dpkg-deb -f "$deb" Package)
version=$(dpkg-deb -f "$deb" Version)
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
  fail "$pkg is installed already: remove it first (apt-get remove --purge $pkg)."
fi

scripts/setup.sh test
tools=()
command -v desktop-file-validate >/dev/null || tools+=(desktop-file-utils)
command -v xdg-mime >/dev/null || tools+=(xdg-utils)
command -v rpm >/dev/null || tools+=(rpm)
if [ ${#tools[@]} -gt 0 ]; then
  say "Installing ${tools[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tools[@]}"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every path under the system trees a package may touch. Caches that dpkg triggers rebuild
# (MIME, desktop and icon caches, Python bytecode) are the system's, not the package's.
snapshot() {
  find /usr /etc /opt /var/lib/dpkg/info -xdev 2>/dev/null |
    grep -Ev '/(mimeinfo|icon-theme)\.cache$|/__pycache__(/|$)' | sort
}

say "Comparing the .rpm's files with the .deb's"
# Files only (directories are packaging detail): "size path" for each.
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\.?\/?/, "/", $6); print $3, $6 }' | sort >"$work/deb-files"
rpm -qp --qf '[%{FILEMODES:perms} %{FILESIZES} %{FILENAMES}\n]' "$rpm" 2>/dev/null |
  awk '$1 !~ /^d/ { print $2, $3 }' | sort >"$work/rpm-files"
diff "$work/deb-files" "$work/rpm-files" >"$work/files.diff" ||
  fail "the .rpm's files differ from the .deb's (< deb, > rpm):
$(cat "$work/files.diff")"
pass "the .rpm carries the .deb's $(wc -l <"$work/deb-files") files, byte for byte the same sizes"

say "Installing $(basename "$deb")"
snapshot >"$work/before"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/install.log" 2>&1 ||
  fail "apt-get install: $(tail -20 "$work/install.log")"
# The snapshot sees what the package installed, so the check after removal can see it too.
snapshot >"$work/installed"
unseen=$(dpkg -L "$pkg" | sort | comm -23 - "$work/installed")
[ -z "$unseen" ] || fail "the file list misses installed paths: $unseen"
pass "apt-get install ./$(basename "$deb") ($pkg $version, $(dpkg -L "$pkg" | wc -l) paths)"

[ -x /usr/bin/certdeck ] || fail "/usr/bin/certdeck is missing or not executable."
cli_version=$(/usr/bin/certdeck-cli --version) || fail "certdeck-cli --version failed."
[[ $cli_version == *"$version"* ]] || fail "certdeck-cli --version says '$cli_version', the package $version."
pass "/usr/bin/certdeck; /usr/bin/certdeck-cli --version: $cli_version"

desktop=$(dpkg -L "$pkg" | grep '^/usr/share/applications/.*\.desktop$') ||
  fail "the package installs no desktop entry."
desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
grep -qx 'Exec=certdeck %F' "$desktop" || fail "$desktop: Exec is not 'certdeck %F'."
mime_types=(application/pkcs12 application/x-pkcs12 application/x-x509-ca-cert
  application/pkix-cert application/x-pkcs7-certificates application/x-certdeck-kvbackup)
for type in "${mime_types[@]}"; do
  grep -q "^MimeType=.*$type;" "$desktop" || fail "$desktop: MimeType lacks $type."
done
pass "$desktop validates; Exec=certdeck %F; MimeType names ${#mime_types[@]} types"

for size in 16 22 24 32 48 64 128 256 512; do
  icon=/usr/share/icons/hicolor/${size}x${size}/apps/certdeck.png
  file "$icon" | grep -q "PNG image data, $size x $size" || fail "$icon: not a ${size}×${size} PNG."
done
[ -f /usr/share/icons/hicolor/scalable/apps/certdeck.svg ] || fail "no scalable SVG icon."
pass "icons: 16, 22, 24, 32, 48, 64, 128, 256, 512 px PNG and scalable SVG in hicolor"

# "Open with CertDeck": each extension's type, as the shared MIME database (rebuilt by the
# dpkg trigger) reads a file of that name, is one the desktop entry lists, and CertDeck is the
# default application for it (a private XDG_CONFIG_HOME: no user's own choices in the way).
app_id=$(basename "$desktop")
for ext in pfx p12 pem crt cer p7b kvbackup; do
  sample=$work/sample.$ext
  head -c 64 /dev/urandom >"$sample"
  type=$(gio info -a standard::content-type "$sample" | sed -n 's/^ *standard::content-type: //p')
  grep -q "^MimeType=\(.*;\)\?$type;" "$desktop" || fail ".$ext reads as '$type', which $desktop does not list."
  default=$(XDG_CONFIG_HOME=$work/xdg-config xdg-mime query default "$type")
  [ "$default" = "$app_id" ] || fail "xdg-mime query default $type (.$ext): '$default', not $app_id."
done
pass ".pfx .p12 .pem .crt .cer .p7b .kvbackup: each type is in MimeType, $app_id its default"

say "Starting the installed app through the E2E harness"
(cd tests/e2e && CERTDECK_APP=/usr/bin/certdeck node --test --test-reporter=spec installed.mjs) ||
  fail "the installed app's E2E check (tests/e2e/installed.mjs)."
pass "E2E: the window opens on the local vault, the samples fill it (target/e2e-screenshots/install/)"

say "Starting the installed app in its ordinary run mode for 10 s"
home=$work/home
mkdir -p "$home"
status=0
env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 \
  xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" timeout 10 /usr/bin/certdeck \
  >"$work/run.log" 2>&1 || status=$?
[ "$status" -eq 124 ] || fail "certdeck exited with $status within 10 s: $(tail -20 "$work/run.log")"
for dir in .config/app.certdeck.desktop .local/share/app.certdeck.desktop/local-vault; do
  [ -d "$home/$dir" ] || fail "certdeck did not create ~/$dir."
done
pass "ran 10 s under xvfb-run with a fresh HOME; created ~/.config and ~/.local/share/app.certdeck.desktop"

say "Removing $pkg"
DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq "$pkg" >"$work/remove.log" 2>&1 ||
  fail "apt-get remove: $(tail -20 "$work/remove.log")"
snapshot >"$work/after"
left=()
while IFS= read -r path; do
  # A dependency apt installed with the package stays (apt-get autoremove is the user's call).
  dpkg -S "$path" >/dev/null 2>&1 || left+=("$path")
done < <(comm -13 "$work/before" "$work/after")
[ ${#left[@]} -eq 0 ] || fail "left behind after removal: ${left[*]}"
pass "apt-get remove --purge leaves nothing under /usr /etc /opt /var/lib/dpkg/info"

echo
echo "Package test: $(basename "$deb") $(du -h "$deb" | cut -f1), $(basename "$rpm") $(du -h "$rpm" | cut -f1)"
printf '  ✓ %s\n' "${passed[@]}"
echo "${#passed[@]} passed, 0 failed"
