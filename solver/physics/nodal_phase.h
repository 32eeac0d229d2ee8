// A phase held at the nodes of the tissue, which a transported species
// exchanges moles with: H2 gas (physics/hydrogen_gas.h), solid Mg(OH)2
// (physics/magnesium_hydroxide.h). Its amount per DoF is a density times the
// DoF's volume w_i, the species' content weight, so moving an amount between
// a species and the phase conserves both to round-off (doc/model.md §2.4).
// Through mesh changes it goes as a field and is rescaled to hold exactly
// the moles it held before.
#pragma once

#include "base/linear_algebra.h"

#include <deal.II/dofs/dof_handler.h>

namespace mgsim
{
  class NodalPhase
  {
  public:
    /**
     * @p volumes: w_i [m^3] on the DoFs of @p dof_handler; @p field_unit:
     * what one mol/m^3 of density is in the unit of field().
     */
    NodalPhase(const dealii::DoFHandler<3> &dof_handler,
               const VectorType            &volumes,
               double                       field_unit);

    virtual ~NodalPhase() = default;

    /** Moles held in the phase [mol], summed over all ranks. */
    double
    total_moles() const;

    /** Moles held at each DoF [mol]. */
    VectorType
    moles_per_dof() const;

    /** Replaces the phase by @p moles per DoF (after the DoFs changed). */
    void
    set_moles(const VectorType &moles);

    /**
     * After mesh adaptation: the phase from its interpolated field(),
     * scaled to hold exactly @p moles in total.
     */
    void
    set_field(const VectorType &field, double moles);

    /** The density in the field's unit, with ghost values. */
    const VectorType &
    field() const
    {
      return ghosted_field;
    }

  protected:
    /** ghosted field <- density, after every change of it. */
    void
    update_field();

    const dealii::DoFHandler<3> &dof_handler;
    VectorType                   volumes;
    /** Moles per unit volume of w at each DoF [mol/m^3]. */
    VectorType density;
    /** What one mol/m^3 of density is in the unit of field(). */
    const double field_unit;

  private:
    VectorType ghosted_field;
  };
} // namespace mgsim
