// Tissue transport properties of every transported species (doc/model.md
// §2-3): accessible volume fraction, effective diffusivity, perfusion
// clearance, background level; plus the H2 solubility. Values live in
// data/tissues.cfg, each with its source; which species a database describes
// is a list of SpeciesKeys (the shipped one: Mg2+, H2 and the chemistry's
// total alkalinity). Each tissue also names its liquid's medium
// (data/media.cfg: the acid-base buffers, doc/model.md §7).
#pragma once

#include "input/material_database.h"
#include "input/species_keys.h"

#include <map>
#include <string>
#include <vector>

namespace mgsim
{
  /**
   * Property keys of a tissue describing @p species (shared by the database
   * and [region.*]): each species' coefficients, in the list's order, then
   * the H2 solubility.
   */
  std::vector<PropertySpec>
  tissue_property_specs(
    const std::vector<SpeciesKeys> &species = shipped_species_keys());

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
     * What the summary counts it as (doc/model.md §4): "tumour" (anti-tumour
     * coverage), "bone" (osteogenic window; also normal tissue), "normal"
     * (normal-cell stress) or "other" (neither, e.g. culture medium).
     */
    std::string role;
    /** Its liquid's acid-base buffers: an entry of the media database. */
    std::string medium;
    /** Coefficients of each transported species, by key prefix ("mg"). */
    std::map<std::string, SpeciesCoefficients> species;
    /** H2 solubility at 1 atm [mol/m^3]. */
    double h2_solubility = 0;
  };

  /** The values a tissue's role can take. */
  const std::vector<std::string> &
  tissue_roles();

  /**
   * Builds a Tissue from a (possibly case-overridden) database entry that
   * describes @p species.
   */
  Tissue
  make_tissue(const MaterialEntry            &entry,
              const std::vector<SpeciesKeys> &species = shipped_species_keys());
} // namespace mgsim
