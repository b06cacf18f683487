# Reads this machine's apt sources, so the fresh root fetches from the same mirror; sourced by .ci/run.
# Both formats apt reads: one-line entries (/etc/apt/sources.list, sources.list.d/*.list) and deb822 stanzas
# (sources.list.d/*.sources). deb-src entries, disabled stanzas (Enabled: no) and comments are skipped.

readonly APT_SOURCES_DIR=${FTPMOUNT_CI_APT_SOURCES:-/etc/apt}

# apt_source_entries: prints one line "URI SUITE COMPONENT..." per enabled binary (deb) entry and suite.
apt_source_entries() {
  local lists=() deb822=() file
  [[ -f "$APT_SOURCES_DIR/sources.list" ]] && lists+=("$APT_SOURCES_DIR/sources.list")
  for file in "$APT_SOURCES_DIR"/sources.list.d/*.list; do
    [[ -f "$file" ]] && lists+=("$file")
  done
  for file in "$APT_SOURCES_DIR"/sources.list.d/*.sources; do
    [[ -f "$file" ]] && deb822+=("$file")
  done
  if ((${#lists[@]} > 0)); then
    # deb [option=value ...] URI SUITE [COMPONENT...]
    awk '{ sub(/#.*/, "") }
      $1 == "deb" {
        sub(/^[ \t]*deb[ \t]+/, ""); gsub(/\[[^]]*\]/, "")
        n = split($0, f, /[ \t]+/); line = ""
        for (i = 1; i <= n; i++) if (f[i] != "") line = line (line == "" ? "" : " ") f[i]
        if (split(line, g, " ") >= 2) print line
      }' "${lists[@]}"
  fi
  if ((${#deb822[@]} > 0)); then
    # Stanzas of "Field: value" lines, separated by blank lines; a line starting with white space continues
    # the field above it (an inline Signed-By key), which is not needed here.
    awk 'function flush(   nu, ns, u, s, i, j) {
        if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no" && uris != "" && suites != "") {
          nu = split(uris, u, /[ \t]+/); ns = split(suites, s, /[ \t]+/)
          for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) if (u[i] != "" && s[j] != "") print u[i], s[j], comps
        }
        types = uris = suites = comps = enabled = ""
      }
      FNR == 1 { flush() }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]/ { next }
      {
        key = tolower($0); sub(/[ \t]*:.*/, "", key)
        value = $0; sub(/^[^:]*:[ \t]*/, "", value); sub(/[ \t]+$/, "", value)
        if (key == "types") types = value
        else if (key == "uris") uris = value
        else if (key == "suites") suites = value
        else if (key == "components") comps = value
        else if (key == "enabled") enabled = tolower(value)
      }
      END { flush() }' "${deb822[@]}"
  fi
}

# debian_mirror ENTRIES RELEASE: the mirror for debootstrap, the URI of the entry for RELEASE itself; else the
# first URI ending in /debian (a machine on another Debian release still names a Debian mirror).
debian_mirror() {
  local entries=$1 rel=$2 uri
  uri=$(awk -v r="$rel" '$2 == r && / main( |$)/ { print $1; exit }' <<<"$entries")
  [[ -n "$uri" ]] || uri=$(awk '$1 ~ /\/debian\/?$/ { print $1; exit }' <<<"$entries")
  printf '%s' "${uri%/}"
}

# root_sources ENTRIES RELEASE MIRROR: a deb822 sources file for the root: the machine's entries for Debian's own
# suites of RELEASE (RELEASE, -updates, -security, -backports) with component main, which is all the tests need;
# when the machine has none, RELEASE and RELEASE-updates on MIRROR, as the Debian installer writes them.
# Third-party suites named after the release (bookworm-pgdg, "bookworm stable") are left out: their keys are
# not in the root.
root_sources() {
  local entries=$1 rel=$2 mirror=$3 uri suite
  local -A suites_by_uri=()
  local order=()
  local components
  while read -r uri suite components; do
    case "$suite" in
      "$rel" | "$rel"-updates | "$rel"-security | "$rel"-backports) ;;
      *) continue ;;
    esac
    [[ " $components " == *" main "* ]] || continue
    [[ -n "${suites_by_uri[$uri]+set}" ]] || order+=("$uri")
    suites_by_uri[$uri]+="${suites_by_uri[$uri]:+ }$suite"
  done <<<"$entries"
  if ((${#order[@]} == 0)); then
    order=("$mirror")
    suites_by_uri[$mirror]="$rel $rel-updates"
  fi
  for uri in "${order[@]}"; do
    printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n' \
      "$uri" "${suites_by_uri[$uri]}"
  done
}
