// Acid-base equilibrium of a medium (doc/model.md §7). Corrosion adds base
// (2 OH- per Mg2+); what the pH does depends on the buffers. The conserved
// quantity is the total alkalinity
//   TA = [HCO3-] + 2[CO3 2-] + [OH-] - [H+] + [HPO4 2-] + buffer base,
// which transport carries like any solute; the pH of a node follows from its
// TA by this balance: with CO2 held by a gas phase (open), or with the
// dissolved inorganic carbon CT conserved (closed). Concentrations in
// mol/m^3 (= mM), equilibrium constants in mol/L.
#pragma once

#include "input/medium_database.h"

#include <optional>

namespace mgsim
{
  class AcidBase
  {
  public:
    explicit AcidBase(const Medium &medium);

    /** The pH range the inversions search (a node outside it is clipped). */
    static constexpr double lowest_ph = 5, highest_ph = 13.5;

    /** [CO2(aq)] at the reference state, held in open media [mol/m^3]. */
    double
    dissolved_co2() const
    {
      return co2;
    }

    /** The CO2 partial pressure of the reference state [mmHg]. */
    double
    co2_partial_pressure() const;

    /** TA of the medium at its reference state [mol/m^3]. */
    double
    reference_alkalinity() const;

    /** CT (CO2 + HCO3- + CO3 2-) of the reference state [mol/m^3]. */
    double
    reference_carbon() const;

    /** TA at @p ph with CO2 held at dissolved_co2() [mol/m^3]. */
    double
    alkalinity_open(double ph) const;

    /** TA at @p ph with dissolved inorganic carbon @p carbon [mol/m^3]. */
    double
    alkalinity_closed(double ph, double carbon) const;

    /** pH at which alkalinity_open() equals @p alkalinity. */
    double
    ph_open(double alkalinity) const;

    /** pH at which alkalinity_closed(., @p carbon) equals @p alkalinity. */
    double
    ph_closed(double alkalinity, double carbon) const;

    /** The fraction of inorganic carbon that is CO2(aq) at @p ph. */
    double
    co2_fraction(double ph) const;

    /**
     * Dissolved Mg2+ in equilibrium with brucite, Mg(OH)2, at @p ph
     * [mol/m^3]: Ksp' / [OH-]^2.
     */
    double
    brucite_saturation(double ph) const;

    /** Brucite's saturation index [Mg2+][OH-]^2 / Ksp' at @p ph. */
    double
    brucite_saturation_ratio(double magnesium, double ph) const;

    /**
     * The pH at which @p magnesium [mol/m^3] is in equilibrium with
     * brucite (the inverse of brucite_saturation()).
     */
    double
    brucite_saturation_ph(double magnesium) const;

  private:
    /** TA with CO2 held at @p ph; @p slope gets dTA/dh. */
    double
    open_alkalinity(double ph, double &slope) const;
    /** TA with carbon @p carbon at @p ph; @p slope gets dTA/dh. */
    double
    closed_alkalinity(double ph, double carbon, double &slope) const;
    /** TA of everything but the carbonate system, and its d/dh. */
    double
    other_alkalinity(double h, double ph, double &derivative) const;
    /** The pH where @p alkalinity_of(pH, dTA/dh) equals @p target. */
    template <class Alkalinity>
    double
    invert(const Alkalinity &alkalinity_of, double target) const;

    const Medium medium;
    /** Apparent constants [mol/L; brucite's M^3]. */
    const double k1, k2, k_phosphate, k_water, k_brucite;
    /** CO2(aq) of the reference state [mol/m^3]. */
    const double co2;
  };

  /**
   * @brief What a node's pH depends on besides its total alkalinity: its
   * medium, and its dissolved inorganic carbon unless CO2 is held (open).
   */
  struct LocalBuffer
  {
    const AcidBase &acid_base;
    /** CT [mol/m^3]; none: CO2 held at the medium's reference level. */
    std::optional<double> carbon;

    /** TA at @p ph [mol/m^3]. */
    double
    alkalinity(const double ph) const
    {
      return carbon ? acid_base.alkalinity_closed(ph, *carbon) :
                      acid_base.alkalinity_open(ph);
    }

    /** The pH of total alkalinity @p alkalinity [mol/m^3]. */
    double
    ph(const double alkalinity) const
    {
      return carbon ? acid_base.ph_closed(alkalinity, *carbon) :
                      acid_base.ph_open(alkalinity);
    }
  };
} // namespace mgsim
