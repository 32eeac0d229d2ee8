// The aqueous media a region's chemistry can be (doc/model.md §7):
// interstitial fluid, culture media, buffered salt solutions, saline. Each
// gives its acid-base buffers and the equilibrium constants at 37 C, ionic
// strength 0.15 M, with sources, in data/media.cfg.
#pragma once

#include "input/material_database.h"

#include <string>
#include <vector>

namespace mgsim
{
  /** Numeric keys of a medium entry (unit in the key). */
  const std::vector<PropertySpec> &
  medium_property_specs();

  /** Text keys every medium entry has. */
  const std::vector<std::string> &
  medium_text_keys();

  /** @brief Where a medium's dissolved CO2 comes from. */
  enum class CarbonSupply
  {
    /** Held at its reference level by a gas phase (perfusion in vivo). */
    open,
    /** No CO2 exchange: the dissolved inorganic carbon is conserved. */
    closed,
    /** Conserved in the bulk, exchanged with the incubator's gas at a free
       surface. */
    incubator
  };

  /** The names of CarbonSupply's values, in order. */
  const std::vector<std::string> &
  carbon_supply_names();

  /** @brief A medium's resolved properties (SI: mol/m^3 = mM). */
  struct Medium
  {
    std::string  name;
    std::string  description;
    CarbonSupply carbon = CarbonSupply::open;
    /** pH at which the other concentrations are given. */
    double reference_ph = 7.4;
    /** [HCO3-] at the reference pH [mol/m^3]. */
    double bicarbonate = 0;
    /** Total phosphate [mol/m^3]. */
    double phosphate = 0;
    /** Buffer value of the other weak acids (proteins) [mol/m^3 per pH]. */
    double nonbicarbonate_buffer = 0;
    /** Apparent dissociation constants pK1', pK2' (carbonic acid), pK' of
     * H2PO4-, pKw' (water) at 37 C in this medium. */
    double pk1 = 6.1, pk2 = 10, pk_phosphate = 7, pk_water = 14;
    /** CO2 solubility [mol/m^3 per mmHg]. */
    double co2_solubility = 0.03;
    /** log10 of brucite's apparent solubility product [Mg2+][OH-]^2 (M^3). */
    double log_ksp_brucite = -11;
  };

  /**
   * Builds a Medium from a database entry; @p context (the database file)
   * names where a bad text value comes from.
   */
  Medium
  make_medium(const MaterialEntry &entry, const std::string &context);
} // namespace mgsim
