// A phase that a transported species exchanges with where it stands: H2
// turning into gas beyond its solubility (physics/hydrogen_gas.h), Mg(OH)2
// precipitating from Mg2+ and base (physics/magnesium_hydroxide.h). The
// species hands the moles moved in a step to its transport as an exact
// (negative) injection into the step, or takes them out of the nodes'
// state after the step (at_nodes()); either way the species stays
// conserved: released = dissolved + held in the phase + cleared + through
// boundaries (doc/model.md §2.4).
#pragma once

#include "base/linear_algebra.h"

namespace mgsim
{
  class PhaseExchange
  {
  public:
    virtual ~PhaseExchange() = default;

    /**
     * Moles moved out of solution into the phase per DoF over a step of
     * @p dt [s] from the dissolved level @p c (ghosted): for an injection,
     * the level at the start of the step; at_nodes(), at its end. Negative
     * where the phase gives back. Sets @p moved to the DoFs' layout.
     */
    virtual void
    exchange(const VectorType &c, double dt, VectorType &moved) = 0;

    /**
     * Whether the moves are taken out of the nodes' state after the step
     * (Species::exchange_at_nodes(), ScalarTransport::remove_at_nodes())
     * instead of injected into it.
     */
    virtual bool
    at_nodes() const
    {
      return false;
    }

    /** Moles held in the phase [mol], summed over all ranks. */
    virtual double
    moles() const = 0;
  };
} // namespace mgsim
