#!/usr/bin/env bash
# Installs pm, the command-line client, from this checkout as a .NET tool: packs src/Client.Cli and installs the
# package into .tools/pm/ (or, with --global, into ~/.dotnet/tools). Run it again after pulling to update.
# Then put the folder on PATH, as the last line printed says:  export PATH="$PWD/.tools/pm:$PATH"
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"

scope=(--tool-path "$REPO_ROOT/.tools/pm")
on_path="$REPO_ROOT/.tools/pm"
for arg in "$@"; do
  case "$arg" in
    --global) scope=(--global); on_path="$HOME/.dotnet/tools" ;;
    *) echo "usage: $0 [--global]" >&2; exit 2 ;;
  esac
done

PACKAGES="$(mktemp -d /tmp/pm-pack.XXXXXX)"
trap 'rm -rf "$PACKAGES"' EXIT
# A fresh version on every run: the tool installer would otherwise reuse an older build of the same version from
# the NuGet cache.
VERSION="0.0.0-local.$(date -u +%Y%m%d%H%M%S)"

log "packing src/Client.Cli as the .NET tool pm $VERSION"
dotnet pack "$REPO_ROOT/src/Client.Cli/Client.Cli.csproj" -c Release -v quiet -nologo -o "$PACKAGES" -p:PackageVersion="$VERSION" >/dev/null
dotnet tool uninstall "${scope[@]}" pm >/dev/null 2>&1 || true
dotnet tool install "${scope[@]}" --add-source "$PACKAGES" --version "$VERSION" pm >/dev/null
log "installed $on_path/pm"
case ":$PATH:" in
  *":$on_path:"*) ;;
  *) echo "export PATH=\"$on_path:\$PATH\"   # put pm on PATH (add it to ~/.bashrc to keep it)" ;;
esac
