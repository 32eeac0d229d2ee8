#!/usr/bin/env bash
# Files a user may hand mgsim that are broken in ways a key-by-key check does
# not see (issue #16), each made here from the shipped wire case and its
# mesh: every one is refused with exit code 2 and one line naming the file
# and what is wrong with it, or (a UTF-8 byte-order mark) accepted.
# Usage: malformed_files.sh MGSIM EXPECT_ERROR CASE GEO WORKDIR
set -u
mgsim=$1 expect=$2 case=$3 geo=$4 work=$5
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd) # case files name their meshes relative to themselves
failures=0
# refused NAME EXPECTED FILE: `mgsim check` of case file FILE is refused.
refused() {
  if "$expect" "$2" - "$mgsim" check "$3" > "$work/$1.log" 2>&1; then
    echo "ok   $1: $(grep '^stderr:' "$work/$1.log" | cut -c9-)"
  else
    echo "FAIL $1: $(cat "$work/$1.log")"
    failures=$((failures + 1))
  fi
}
# The case with absolute paths, on the coarse mesh.
base=$(sed "s|\.\./meshes/|$(dirname "$geo")/|; s|^refinements = 1|refinements = 0|" "$case")
printf '%s\n' "$base" > "$work/plain.cfg"
gmsh -3 -format msh22 "$geo" -o "$work/wire.msh" > /dev/null || { echo "FAIL: gmsh"; exit 1; }
with_mesh() { printf '%s\n' "$base" | sed "s|^file = .*|file = $1|" > "$2"; }

# Encodings of the case file.
printf '\xef\xbb\xbf%s\n' "$base" > "$work/bom.cfg"
"$mgsim" check "$work/bom.cfg" > /dev/null 2>&1 && echo "ok   bom: accepted" ||
  { echo "FAIL bom: a UTF-8 byte-order mark was refused"; failures=$((failures + 1)); }
printf '%s\n' "$base" | iconv -f UTF-8 -t UTF-16 > "$work/utf16.cfg"
refused utf16 "utf16.cfg: UTF-16 text (byte-order mark \\xFF\\xFE): save it as UTF-8 or ASCII" "$work/utf16.cfg"
printf '%s\n' "$base" | iconv -f UTF-8 -t UTF-16LE > "$work/utf16le.cfg"
refused utf16_without_mark "utf16le.cfg: UTF-16 text" "$work/utf16le.cfg"
{ printf '%s\n' "$base" | head -5; printf 'x = \x00\x01\x02\n'; } > "$work/binary.cfg"
refused binary "binary.cfg: binary data (a NUL byte on line 6)" "$work/binary.cfg"
printf '%s\n' "$base" | sed 's|^tissue = muscle|tissue = m\xe9scle|' > "$work/latin1.cfg"
refused latin1 "latin1.cfg: line 16: not UTF-8 text (byte \\xE9)" "$work/latin1.cfg"
printf '%s\n' "$base" | sed 's|^end_days = .*|end_dayz = 1|' > "$work/misspelled.cfg"
refused misspelled_key "[time] unknown key 'end_dayz' (did you mean 'end_days'?)" "$work/misspelled.cfg"

# Meshes: cut (deal.II's reader looped for ever), binary, not a mesh, a
# degenerate hexahedron, a boundary group without faces.
head -c 100 "$work/wire.msh" > "$work/cut.msh"
with_mesh "$work/cut.msh" "$work/cut.cfg"
refused msh_cut "cut.msh: line 9: '\$EndPhysical' closes \$PhysicalNames: the file is cut or garbled" "$work/cut.cfg"
head -c $(($(wc -c < "$work/wire.msh") / 2)) "$work/wire.msh" > "$work/half.msh"
with_mesh "$work/half.msh" "$work/half.cfg"
refused msh_half "half.msh: \$Nodes is not closed (\$EndNodes missing): the file is cut" "$work/half.cfg"
sed '2s/2.2 0 8/2.2 1 8/' "$work/wire.msh" > "$work/binary.msh"
with_mesh "$work/binary.msh" "$work/binary_msh.cfg"
refused msh_binary "binary.msh: binary MSH; mgsim reads ASCII MSH" "$work/binary_msh.cfg"
printf 'solid cube\n' > "$work/cube.msh"
with_mesh "$work/cube.msh" "$work/cube.cfg"
refused msh_not_a_mesh "cube.msh: not a gmsh .msh file (its first line is 'solid cube', not \$MeshFormat)" "$work/cube.cfg"
awk '/^\$Elements/ { e = NR } e && NR > e + 1 && $2 == 5 && !done { $NF = $(NF - 7); done = 1 } { print }' \
  "$work/wire.msh" > "$work/degenerate.msh"
with_mesh "$work/degenerate.msh" "$work/degenerate.cfg"
refused msh_degenerate_cell "degenerate.msh: cell" "$work/degenerate.cfg"
sed 's/^2 \([0-9]*\) "outer"/2 999 "outer"/' "$work/wire.msh" > "$work/empty_group.msh"
with_mesh "$work/empty_group.msh" "$work/empty_group.cfg"
refused msh_empty_boundary_group "empty_group.msh: boundary group 'outer' has no faces on the mesh's boundary (zero area)" "$work/empty_group.cfg"

# A database value the numerics cannot take: the database is named.
sed '/^\[pure_Mg\]/,/^\[/ s/^pitting_weibull_shape = .*/pitting_weibull_shape = 0.004/' \
  "$(dirname "$geo")/../solver/data/alloys.cfg" > "$work/alloys.cfg"
{ printf '%s\n' "$base"; printf '\n[databases]\nalloys = %s\n' "$work/alloys.cfg"; } > "$work/database.cfg"
refused database_blamed "alloys.cfg: [pure_Mg] pitting_weibull_shape = 0.004: expected 0 (uniform corrosion) or a Weibull shape >= 0.1" "$work/database.cfg"

[ $failures -eq 0 ] || { echo "FAIL: $failures"; exit 1; }
echo PASS
