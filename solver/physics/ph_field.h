// The pH at every node, from the transported total alkalinity and the
// node's medium (doc/model.md §7, physics/nodal_media.h). Nodes inside the
// implant have no pH (NaN, left out of the extremes).
#pragma once

#include "base/linear_algebra.h"
#include "physics/nodal_media.h"

namespace mgsim
{
  class PhField
  {
  public:
    /**
     * Recomputes the pH from @p alkalinity [mol/m^3] and, if transported,
     * @p carbon (ghosted, on the DoFs @p media was last set up for) and its
     * extremes over the tissue nodes. Collective.
     */
    void
    update(const VectorType &alkalinity,
           const VectorType *carbon,
           const NodalMedia &media);

    /** pH per node (ghosted; NaN inside the implant). */
    const VectorType &
    values() const
    {
      return ph;
    }

    double
    minimum() const
    {
      return lowest;
    }

    double
    maximum() const
    {
      return highest;
    }

  private:
    VectorType ph;
    double     lowest = 0, highest = 0;
  };
} // namespace mgsim
