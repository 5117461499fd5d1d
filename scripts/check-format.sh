#!/usr/bin/env bash
# Checks that every C++ source follows .clang-format (clang-format 14, Debian 12's); prints the files
# that do not and fails. `scripts/check-format.sh --fix` rewrites them instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
format=""
for candidate in clang-format-14 clang-format; do
    command -v "$candidate" >/dev/null 2>&1 && { format="$candidate"; break; }
done
if [[ -z "$format" ]]; then
    echo "check-format: clang-format is not installed (scripts/install-deps.sh --test installs it)" >&2
    exit 1
fi
mapfile -d '' files < <(git ls-files -z -- '*.cpp' '*.h')
if [[ "${1:-}" == "--fix" ]]; then
    printf '%s\0' "${files[@]}" | xargs -0 -n 50 "$format" -i
    exit 0
fi
bad=()
for file in "${files[@]}"; do
    "$format" --dry-run -Werror "$file" >/dev/null 2>&1 || bad+=("$file")
done
if ((${#bad[@]})); then
    echo "check-format: ${#bad[@]} of ${#files[@]} files do not follow .clang-format ($format):" >&2
    printf '  %s\n' "${bad[@]}" >&2
    echo "run scripts/check-format.sh --fix" >&2
    exit 1
fi
echo "check-format: ${#files[@]} files follow .clang-format ($format)"
