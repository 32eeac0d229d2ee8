// Direct access to the locally owned entries of a PETSc vector, for loops
// over nodes that deal.II's element access would make slow (one PETSc call
// per entry).
#pragma once

#include "base/linear_algebra.h"

#include <deal.II/base/exceptions.h>

#include <petscvec.h>

namespace mgsim
{
  namespace petsc_arrays
  {
    /** A ghosted vector with the layout of @p model (zero). */
    inline void
    reinit_like(VectorType &v, const VectorType &model)
    {
      // PETSc's reinit(Vector) keeps the model's ghost layout.
      v.reinit(model);
      AssertThrow(v.has_ghost_elements() == model.has_ghost_elements(),
                  dealii::ExcInternalError());
    }

    /** Read access to the locally owned entries of a PETSc vector. */
    class ReadArray
    {
    public:
      explicit ReadArray(const VectorType &v)
        : vec(static_cast<const Vec &>(v))
      {
        VecGetArrayRead(vec, &data);
      }
      ~ReadArray()
      {
        VecRestoreArrayRead(vec, &data);
      }
      double
      operator[](const unsigned int k) const
      {
        return data[k];
      }

    private:
      const Vec          vec;
      const PetscScalar *data = nullptr;
    };

    /** Write access to the owned entries; ghosts refreshed on release. */
    class WriteArray
    {
    public:
      explicit WriteArray(VectorType &v)
        : owner(v)
        , vec(static_cast<const Vec &>(v))
      {
        VecGetArray(vec, &data);
      }
      ~WriteArray()
      {
        VecRestoreArray(vec, &data);
        // deal.II 9.4's PETSc update_ghost_values() does nothing (its
        // vectors refresh ghosts only on assignment): scatter here.
        if (owner.has_ghost_elements())
          {
            VecGhostUpdateBegin(vec, INSERT_VALUES, SCATTER_FORWARD);
            VecGhostUpdateEnd(vec, INSERT_VALUES, SCATTER_FORWARD);
          }
      }
      PetscScalar &
      operator[](const unsigned int k)
      {
        return data[k];
      }

    private:
      VectorType  &owner;
      const Vec    vec;
      PetscScalar *data = nullptr;
    };
  } // namespace petsc_arrays
} // namespace mgsim
