// How a transported species appears in the input: the prefix of its keys in
// the tissue database and in [region.NAME] ("mg" -> mg_diffusivity_m2_per_s,
// mg_clearance_per_s, mg_background_mM, mg_volume_fraction), the key of its
// mass-transfer coefficient on washout boundaries, and the label that
// messages and descriptions use. The physics of the species (its source, what
// a run reports of it) is in physics/species.h; this is only its name in the
// files a user writes (doc/model.md §2.1).
#pragma once

#include <string>
#include <vector>

namespace mgsim
{
  /** @brief A transported species' keys in the tissue database and case. */
  struct SpeciesKeys
  {
    /** Prefix of its tissue keys ("mg"), also of its file columns. */
    std::string prefix;
    /** Name in messages and descriptions ("Mg2+"). */
    std::string label;
    /**
     * Confined to part of the tissue (Mg2+: the extracellular space), with
     * its volume fraction as <prefix>_volume_fraction; otherwise it fills all
     * tissue water (alpha = 1, as H2 does).
     */
    bool confined = false;
    /** What its background level is, in descriptions ("serum"). */
    std::string background_kind = "background";
    /** Key of its mass-transfer coefficient on washout boundaries [m/s]. */
    std::string washout_key;
    /**
     * Its background is the region's medium at rest (total alkalinity,
     * inorganic carbon, doc/model.md §7), not a tissue value: no
     * <prefix>_background_mM key.
     */
    bool background_from_medium = false;
  };

  /** The species of a run without chemistry: Mg2+ and H2. */
  const std::vector<SpeciesKeys> &
  shipped_species_keys();

  /**
   * The species the chemistry adds (doc/model.md §7): total alkalinity and
   * dissolved inorganic carbon (the latter transported only where CO2 is
   * exchanged at a free surface).
   */
  const std::vector<SpeciesKeys> &
  chemistry_species_keys();

  /**
   * What a tissue database describes: @p species and the chemistry's species
   * (a database serves runs with and without chemistry).
   */
  std::vector<SpeciesKeys>
  with_chemistry_keys(const std::vector<SpeciesKeys> &species);
} // namespace mgsim
