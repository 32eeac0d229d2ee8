// Mg(OH)2 (brucite) at one node over one time step (doc/model.md §7.3).
// Dissolved Mg2+ c, total alkalinity TA and the solid s (all per volume of
// extracellular fluid) react by the rate law
//   dx/dt = k_p [c (Omega - 1)+ - s (1 - Omega)+],  Omega = c / c_sat(pH),
// where x is the Mg precipitated: each mole takes one Mg2+ and two moles of
// base out of solution (c -= x, TA -= 2x, s += x). Backward Euler over the
// step, x = k_p dt [...] at the end state, has a unique solution: written
// in the end pH p, TA(p) fixes x, and the residual
//   x(p) / (k_p dt) - [c (Omega - 1)+ - s (1 - Omega)+](p)
// falls monotonically with p. With 1 / (k_p dt) = 0 the same root is the
// equilibrium projection (Omega = 1, or all solid redissolved), so the
// rate law tends to it as k_p grows.
#pragma once

#include "physics/acid_base.h"

namespace mgsim
{
  /** @brief A node's state [mol/m^3 of extracellular fluid]. */
  struct BruciteNode
  {
    /** Dissolved Mg2+. */
    double magnesium = 0;
    /** Total alkalinity. */
    double alkalinity = 0;
    /** Mg(OH)2 held as solid. */
    double solid = 0;
  };

  /**
   * Mg precipitated at a node over a step [mol/m^3 of fluid; negative:
   * redissolved], in [-solid, magnesium].
   * @p base_per_magnesium: the change of the node's TA per unit change of
   * its Mg2+ (2, unless the two species fill different volume fractions).
   * @p relaxation: 1 / (k_p dt); 0 projects onto equilibrium.
   */
  double
  brucite_precipitation(const LocalBuffer &buffer,
                        const BruciteNode &node,
                        double             base_per_magnesium,
                        double             relaxation);
} // namespace mgsim
