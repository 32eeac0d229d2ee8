// Everything a case file (plus --set overrides) says, resolved against the
// material databases into plain structs. After read_case() no parser travels
// through the code: the solver sees only these structs. Each section's keys
// are declared, documented and read next to the struct they fill
// (input/sections/).
#pragma once

#include "input/alloy_database.h"
#include "input/section_reader.h"
#include "input/sections/adaptivity.h"
#include "input/sections/chemistry.h"
#include "input/sections/gas.h"
#include "input/sections/implant.h"
#include "input/sections/mesh.h"
#include "input/sections/output.h"
#include "input/sections/regions.h"
#include "input/sections/solver.h"
#include "input/sections/thresholds.h"
#include "input/sections/time.h"
#include "input/species_keys.h"
#include "input/tissue_database.h"

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace mgsim
{
  /** @brief A fully resolved case. */
  struct CaseParameters
  {
    std::string case_file;
    /** The transported species the case was read for. */
    std::vector<SpeciesKeys>        species;
    MeshParameters                  mesh;
    ImplantParameters               implant;
    std::vector<RegionParameters>   regions;
    std::vector<BoundaryParameters> boundaries;
    TimeParameters                  time;
    SolverParameters                solver;
    AdaptivityParameters            adaptivity;
    ThresholdParameters             thresholds;
    GasParameters                   gas;
    ChemistryParameters             chemistry;
    OutputParameters                output;
    CheckpointParameters            checkpoint;
    /** Every value used, with unit and source, in case-file order. */
    std::vector<ResolvedParameter> resolved;

    /** The region called @p name, or nullptr. */
    const RegionParameters *
    find_region(const std::string &name) const;
    /** The boundary called @p name, or nullptr. */
    const BoundaryParameters *
    find_boundary(const std::string &name) const;
  };

  /**
   * Reads and validates a case file for a run of @p species. @p overrides
   * are "section.key=value" strings (from --set). Throws InputError on any
   * problem.
   */
  CaseParameters
  read_case(const std::string              &case_file,
            const std::vector<std::string> &overrides,
            const std::vector<SpeciesKeys> &species = shipped_species_keys());

  /** Writes a case file that reproduces @p parameters exactly. */
  void
  write_resolved_case(std::ostream &out, const CaseParameters &parameters);

  /**
   * Writes the resolved parameters as JSON (parameters.json of a run: the
   * report's "what was simulated" and database entries): the case file,
   * one {section, key, value, unit, source} object per value, and the
   * mesh's @p regions (name and the "region id" of the written fields).
   */
  void
  write_resolved_parameters_json(
    std::ostream                              &out,
    const CaseParameters                      &parameters,
    const std::map<std::string, unsigned int> &regions);

  /** Prints the resolved parameters as a table (for `mgsim check`). */
  void
  print_resolved_parameters(std::ostream         &out,
                            const CaseParameters &parameters);
} // namespace mgsim
