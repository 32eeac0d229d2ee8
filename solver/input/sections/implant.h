// [implant]: which mesh region holds the metal, its alloy (from the alloy
// database, any property overridable here), the environment factor on its
// rate and its pitting (doc/model.md §2.3, §3.3).
#pragma once

#include "input/alloy_database.h"
#include "input/section_reader.h"
#include "input/sections/chemistry.h"

namespace mgsim
{
  enum class Environment
  {
    in_vivo,
    in_vitro
  };

  struct ImplantParameters
  {
    /** Mesh volume region (gmsh physical group) holding the metal. */
    std::string region;
    Alloy       alloy;
    Environment environment = Environment::in_vivo;
    /** Multiplier on the in-vitro rate law for this environment [-]. */
    double environment_factor = 1;
    /** Size of a pit (grid spacing of the pitting field) [m]. */
    double pit_size = 100e-6;
    /** Seed of the pitting field. */
    unsigned long pitting_seed = 1;

    /** The keys of [implant], the alloy's properties among them. */
    static const std::vector<KeySpec> &
    keys();
    /**
     * Reads [implant] with the alloy from @p alloys (of @p case_file). The
     * front's film and pH factors need the @p chemistry: off, they are
     * ignored; without [chemistry], refused.
     */
    static ImplantParameters
    read(SectionReader             &section,
         const MaterialDatabase    &alloys,
         const std::string         &case_file,
         const ChemistryParameters &chemistry = {});
  };
} // namespace mgsim
