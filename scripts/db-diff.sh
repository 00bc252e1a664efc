#!/usr/bin/env bash
# Writes the SQL that takes a database from the current migrations (or from empty)
# to prisma/schema.prisma, using prisma@6's offline `migrate diff` (Prisma 7's CLI
# needs a schema engine binary that cannot be downloaded here).
#
#   npm run db:diff -- --from-empty            full schema as SQL
#   npm run db:diff -- --from-schema OLD.prisma  changes since an older schema file
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Prisma 6 wants a url in the datasource block; Prisma 7 forbids it. Add it to a copy.
with_url() { sed 's#^\(\s*provider\s*=\s*"postgresql"\)#\1\n  url = "postgresql://unused"#' "$1"; }
with_url "$root/prisma/schema.prisma" > "$tmp/schema.prisma"
from=(--from-empty)
if [[ "${1:-}" == "--from-schema" ]]; then
  with_url "$2" > "$tmp/old.prisma"
  from=(--from-schema-datamodel "$tmp/old.prisma")
fi
cd "$root/scripts/prisma6"
RELM_PRISMA6_SCHEMA="$tmp/schema.prisma" \
PRISMA_SCHEMA_ENGINE_BINARY="$root/package.json" \
PRISMA_QUERY_ENGINE_LIBRARY="$root/package.json" \
PRISMA_HIDE_UPDATE_MESSAGE=1 \
  node "$root/node_modules/prisma6/build/index.js" migrate diff "${from[@]}" \
  --to-schema-datamodel "$tmp/schema.prisma" --script 2> >(grep -v 'Loaded Prisma config' >&2)
