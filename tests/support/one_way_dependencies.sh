#!/usr/bin/env bash
# The solver's folders depend one way: a file may include headers of its own
# folder and of the folders before it in
#   base input physics analysis simulation study commands
# (main.cc may include any), and postprocess/ only base/ (the output file
# formats) and its own folders. Prints every include that runs the other way.
# Usage: one_way_dependencies.sh SOURCE_DIR
set -u
source=$1
order=(base input physics analysis simulation study commands)
rank() { for i in "${!order[@]}"; do [ "${order[$i]}" = "$1" ] && echo "$i" && return; done; echo 99; }
bad=0
checked=0
for folder in "${order[@]}"; do
  mine=$(rank "$folder")
  while IFS= read -r line; do
    file=${line%%:*}
    included=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<< "$line")
    checked=$((checked + 1))
    if [ "$(rank "$included")" -gt "$mine" ]; then
      echo "FAIL  $file includes ${line#*#include } ($included comes after $folder)"
      bad=$((bad + 1))
    fi
  done < <(grep -rn --include='*.h' --include='*.cc' '#include "[a-z_]*/' "$source/solver/$folder")
done
while IFS= read -r line; do
  checked=$((checked + 1))
  included=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<< "$line")
  if [ "$included" != base ] && [ ! -d "$source/postprocess/$included" ]; then
    echo "FAIL  postprocess: ${line}"; bad=$((bad + 1))
  fi
done < <(grep -rn --include='*.h' --include='*.cc' '#include "[a-z_]*/' "$source/postprocess")
echo "$checked includes of solver folders checked, $bad against the direction"
[ "$bad" -eq 0 ] && [ "$checked" -gt 50 ] && echo PASS || { echo FAIL; exit 1; }
