#include "physics/brucite_reaction.h"

#include <algorithm>
#include <cmath>

namespace mgsim
{
  double
  brucite_precipitation(const LocalBuffer &buffer,
                        const BruciteNode &node,
                        const double       base_per_magnesium,
                        const double       relaxation)
  {
    const AcidBase &acid_base = buffer.acid_base;
    const double    c = node.magnesium, ta = node.alkalinity, s = node.solid;
    // Undersaturated without solid -- most nodes, most steps -- is decided
    // without inverting the buffer: Omega <= 1 iff the pH is at most the
    // saturation pH of c, iff TA is at most the TA there.
    const bool supersaturated =
      c > 0 && ta > buffer.alkalinity(acid_base.brucite_saturation_ph(c));
    if (!supersaturated && !(s > 0))
      return 0;

    const auto removed = [&](const double ph) {
      return (ta - buffer.alkalinity(ph)) / base_per_magnesium;
    };
    // Falls monotonically with the end pH (see the header).
    const auto residual = [&](const double ph) {
      const double x = removed(ph), dissolved = c - x, solid = s + x;
      const double omega = dissolved / acid_base.brucite_saturation(ph);
      const double rate =
        omega > 1 ? dissolved * (omega - 1) : -solid * (1 - omega);
      return relaxation * x - rate;
    };
    // Precipitation lowers the pH from the present one down to where all
    // Mg2+ would be gone; redissolution raises it up to where all solid
    // would be.
    const double present = buffer.ph(ta);
    double       low =
      supersaturated ? buffer.ph(ta - base_per_magnesium * c) : present;
    double high =
      supersaturated ? present : buffer.ph(ta + base_per_magnesium * s);
    double f_low = residual(low), f_high = residual(high);
    double ph = f_low <= 0 ? low : high;
    if (f_low > 0 && f_high < 0)
      {
        // Illinois (regula falsi halving the weight of an end kept twice).
        const double scale = (1 + relaxation) * (c + s);
        int          kept  = 0;
        for (unsigned int i = 0; i < 100 && high - low > 1e-12; ++i)
          {
            ph = (low * f_high - high * f_low) / (f_high - f_low);
            if (!(ph > low && ph < high))
              ph = 0.5 * (low + high);
            const double f = residual(ph);
            if (std::abs(f) <= 1e-14 * scale)
              break;
            if (f > 0)
              {
                low = ph, f_low = f;
                if (kept == 1)
                  f_high /= 2;
                kept = 1;
              }
            else
              {
                high = ph, f_high = f;
                if (kept == -1)
                  f_low /= 2;
                kept = -1;
              }
          }
      }
    return std::clamp(removed(ph), -s, std::max(c, 0.0));
  }
} // namespace mgsim
