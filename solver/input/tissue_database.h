// Tissue transport properties for Mg2+ and dissolved H2 (SCIENCE.md §2-3):
// accessible volume fraction, effective diffusivities, perfusion clearance,
// background levels. Values live in data/tissues.cfg, each with its source.
#pragma once

#include "material_database.h"

#include <string>
#include <vector>

namespace mgsim
{
  /** Property keys of a tissue (shared by the database and [region.*]). */
  const std::vector<PropertySpec> &
  tissue_property_specs();

  /** Text keys every tissue entry has. */
  const std::vector<std::string> &
  tissue_text_keys();

  /** @brief Transport coefficients of one species in one region (SI). */
  struct SpeciesCoefficients
  {
    /** Volume fraction the species can occupy (alpha) [-]. */
    double volume_fraction = 1;
    /** Effective diffusivity in that space [m^2/s]. */
    double diffusivity = 0;
    /** First-order clearance rate towards the background [1/s]. */
    double clearance = 0;
    /** Background (serum) level [mol/m^3]. */
    double background = 0;
  };

  /** @brief A tissue's resolved properties. */
  struct Tissue
  {
    std::string name;
    std::string description;
    /**
     * What the summary counts it as (SCIENCE.md §4): "tumour" (anti-tumour
     * coverage), "bone" (osteogenic window; also normal tissue), "normal"
     * (normal-cell stress) or "other" (neither, e.g. culture medium).
     */
    std::string         role;
    SpeciesCoefficients mg;
    SpeciesCoefficients h2;
    /** H2 solubility at 1 atm [mol/m^3]. */
    double h2_solubility = 0;
  };

  /** The values a tissue's role can take. */
  const std::vector<std::string> &
  tissue_roles();

  /** Builds a Tissue from a (possibly case-overridden) database entry. */
  Tissue
  make_tissue(const MaterialEntry &entry);
} // namespace mgsim
