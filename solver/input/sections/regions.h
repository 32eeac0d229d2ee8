// [region.NAME] and [boundary.NAME]: the tissue of each mesh volume region
// (from the tissue database, any property overridable) and the condition on
// each outer boundary (doc/model.md §2.2).
#pragma once

#include "input/medium_database.h"
#include "input/section_reader.h"
#include "input/sections/chemistry.h"
#include "input/species_keys.h"
#include "input/tissue_database.h"

#include <map>
#include <optional>

namespace mgsim
{
  /**
   * The region that implant cells join when their metal is gone. It need not
   * exist in the mesh; the database's tissue of that name is its default.
   */
  inline const std::string degraded_region = "degraded";

  struct RegionParameters
  {
    /** Mesh volume region (gmsh physical group). */
    std::string name;
    Tissue      tissue;
    /** Its liquid's buffers, when the chemistry is on (doc/model.md §7). */
    std::optional<Medium> medium;

    /**
     * Whether its medium exchanges CO2 with an incubator's gas (doc/model.md
     * §7.5): then its inorganic carbon is transported.
     */
    bool
    exchanges_co2() const
    {
      return medium && medium->carbon == CarbonSupply::incubator;
    }

    /**
     * The keys [region.NAME] may have for a run of @p species, with the
     * chemistry's (which only a run with chemistry accepts).
     */
    static std::vector<KeySpec>
    keys(const std::vector<SpeciesKeys> &species);
    /**
     * Reads [region.NAME] with its tissue from @p tissues (the file at
     * @p tissue_path) for @p species; with @p media (chemistry on, the
     * database file at @p media_path) also its medium. The chemistry's
     * keys are refused when the case has no @p chemistry.
     */
    static RegionParameters
    read(SectionReader                  &section,
         const MaterialDatabase         &tissues,
         const std::string              &tissue_path,
         const std::vector<SpeciesKeys> &species,
         const std::string              &case_file,
         const ChemistryParameters      &chemistry  = {},
         const MaterialDatabase         *media      = nullptr,
         const std::string              &media_path = "");
  };

  enum class BoundaryType
  {
    /** c = background level of the adjacent tissue (far field). */
    background,
    /** Closed wall. */
    no_flux,
    /** Robin: outflow = beta (c - c_b) (e.g. artery lumen). */
    washout,
    /**
     * A medium's free surface under a gas (an incubator's 5 % CO2): CO2
     * exchanges, k_g (S pCO2 - [CO2]) inwards (chemistry only; the other
     * species see a closed wall), doc/model.md §7.5.
     */
    gas_exchange
  };

  struct BoundaryParameters
  {
    /** Mesh boundary (gmsh physical surface). */
    std::string  name;
    BoundaryType type = BoundaryType::background;
    /** Mass-transfer coefficient of each species [m/s] (washout), by key
     * prefix. */
    std::map<std::string, double> mass_transfer;
    /** gas_exchange: the gas's CO2 partial pressure [mmHg]. */
    double co2_partial_pressure = 0;
    /** gas_exchange: k_g, CO2's mass-transfer coefficient [m/s]. */
    double co2_transfer = 0;

    /**
     * The keys [boundary.NAME] may have for a run of @p species, with the
     * chemistry's (which only a run with chemistry accepts).
     */
    static std::vector<KeySpec>
    keys(const std::vector<SpeciesKeys> &species);
    /**
     * Reads [boundary.NAME] for @p species. With @p chemistry off a
     * gas_exchange boundary is a closed wall (refused when the case has no
     * [chemistry]).
     */
    static BoundaryParameters
    read(SectionReader                  &section,
         const std::vector<SpeciesKeys> &species,
         const ChemistryParameters      &chemistry);
  };
} // namespace mgsim
