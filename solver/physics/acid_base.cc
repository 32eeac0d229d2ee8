#include "physics/acid_base.h"

#include <algorithm>
#include <cmath>

namespace mgsim
{
  namespace
  {
    /** mol/L -> mol/m^3 */
    constexpr double per_litre = 1000;
    const double     ln10      = std::log(10.);

    double
    hydrogen(const double ph)
    {
      return std::pow(10., -ph);
    }
  } // namespace

  AcidBase::AcidBase(const Medium &medium)
    : medium(medium)
    , k1(std::pow(10., -medium.pk1))
    , k2(std::pow(10., -medium.pk2))
    , k_phosphate(std::pow(10., -medium.pk_phosphate))
    , k_water(std::pow(10., -medium.pk_water))
    , k_brucite(std::pow(10., medium.log_ksp_brucite))
    // Henderson-Hasselbalch at the reference pH: CO2 = HCO3- h / K1'.
    , co2(medium.bicarbonate * hydrogen(medium.reference_ph) / k1)
  {
  }

  double
  AcidBase::co2_partial_pressure() const
  {
    return co2 / medium.co2_solubility;
  }

  double
  AcidBase::other_alkalinity(const double h,
                             const double ph,
                             double      &derivative) const
  {
    const double p = medium.phosphate;
    derivative = -p * k_phosphate / ((h + k_phosphate) * (h + k_phosphate)) -
                 per_litre * (k_water / (h * h) + 1) -
                 medium.nonbicarbonate_buffer / (ln10 * h);
    return p * k_phosphate / (h + k_phosphate) + per_litre * (k_water / h - h) +
           medium.nonbicarbonate_buffer * (ph - medium.reference_ph);
  }

  double
  AcidBase::open_alkalinity(const double ph, double &slope) const
  {
    const double h = hydrogen(ph);
    const double ta =
      co2 * k1 / h * (1 + 2 * k2 / h) + other_alkalinity(h, ph, slope);
    slope += -co2 * k1 / (h * h) - 4 * co2 * k1 * k2 / (h * h * h);
    return ta;
  }

  double
  AcidBase::closed_alkalinity(const double ph,
                              const double carbon,
                              double      &slope) const
  {
    const double h           = hydrogen(ph);
    const double numerator   = k1 * h + 2 * k1 * k2;
    const double denominator = h * h + k1 * h + k1 * k2;
    const double ta =
      carbon * numerator / denominator + other_alkalinity(h, ph, slope);
    slope += carbon * (k1 * denominator - numerator * (2 * h + k1)) /
             (denominator * denominator);
    return ta;
  }

  double
  AcidBase::alkalinity_open(const double ph) const
  {
    double unused;
    return open_alkalinity(ph, unused);
  }

  double
  AcidBase::alkalinity_closed(const double ph, const double carbon) const
  {
    double unused;
    return closed_alkalinity(ph, carbon, unused);
  }

  double
  AcidBase::reference_alkalinity() const
  {
    return alkalinity_open(medium.reference_ph);
  }

  double
  AcidBase::reference_carbon() const
  {
    const double h = hydrogen(medium.reference_ph);
    return co2 + medium.bicarbonate * (1 + k2 / h);
  }

  double
  AcidBase::co2_fraction(const double ph) const
  {
    const double h = hydrogen(ph);
    return h * h / (h * h + k1 * h + k1 * k2);
  }

  template <class Alkalinity>
  double
  AcidBase::invert(const Alkalinity &alkalinity_of, const double target) const
  {
    // TA rises monotonically with pH: Newton on pH, kept inside a bracket
    // that shrinks with every evaluation (bisection where Newton leaves it).
    double low = lowest_ph, high = highest_ph;
    double slope;
    if (alkalinity_of(low, slope) >= target)
      return low;
    if (alkalinity_of(high, slope) <= target)
      return high;
    double ph = std::clamp(medium.reference_ph, low, high);
    for (unsigned int i = 0; i < 200 && high - low > 1e-13; ++i)
      {
        const double residual = alkalinity_of(ph, slope) - target;
        if (residual == 0)
          return ph;
        (residual < 0 ? low : high) = ph;
        // slope is dTA/dh; dTA/dpH = -ln(10) h dTA/dh > 0.
        const double derivative = -ln10 * hydrogen(ph) * slope;
        double       next       = ph - residual / derivative;
        if (!(next > low && next < high))
          next = 0.5 * (low + high);
        if (std::abs(next - ph) < 1e-14)
          return next;
        ph = next;
      }
    return ph;
  }

  double
  AcidBase::ph_open(const double alkalinity) const
  {
    return invert([this](const double ph,
                         double &slope) { return open_alkalinity(ph, slope); },
                  alkalinity);
  }

  double
  AcidBase::ph_closed(const double alkalinity, const double carbon) const
  {
    return invert(
      [this, carbon](const double ph, double &slope) {
        return closed_alkalinity(ph, carbon, slope);
      },
      alkalinity);
  }

  double
  AcidBase::brucite_saturation(const double ph) const
  {
    // [OH-] = Kw' / h; Ksp' in M^3, so the result is in mol/L.
    const double hydroxide = k_water / hydrogen(ph);
    return k_brucite / (hydroxide * hydroxide) * per_litre;
  }

  double
  AcidBase::brucite_saturation_ratio(const double magnesium,
                                     const double ph) const
  {
    return magnesium / brucite_saturation(ph);
  }

  double
  AcidBase::brucite_saturation_ph(const double magnesium) const
  {
    // Ksp' = [Mg2+] (Kw' / h)^2 with [Mg2+] in mol/L.
    const double h = k_water * std::sqrt(magnesium / per_litre / k_brucite);
    return -std::log10(h);
  }
} // namespace mgsim
