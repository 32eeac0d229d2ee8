// A phase that a transported species exchanges with where it stands: H2
// turning into gas beyond its solubility (physics/hydrogen_gas.h); later
// Mg(OH)2 precipitating from Mg2+. The species hands the moles moved in a
// step to its transport as an exact (negative) injection, so the species
// stays conserved: released = dissolved + held in the phase + cleared +
// through boundaries (doc/model.md §2.4).
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
     * @p dt [s] from the dissolved level @p c (ghosted) at the start of the
     * step; negative where the phase gives back.
     */
    virtual void
    exchange(const VectorType &c, double dt, VectorType &moved) = 0;

    /** Moles held in the phase [mol], summed over all ranks. */
    virtual double
    moles() const = 0;
  };
} // namespace mgsim
