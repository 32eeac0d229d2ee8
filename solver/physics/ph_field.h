// The pH at every node, from the transported total alkalinity and the
// node's medium (doc/model.md §7): open media hold CO2, closed ones keep
// their inorganic carbon (corrosion adds none, so it stays at its value at
// rest). A node takes the medium of the adjacent tissue region listed first;
// nodes inside the implant have no pH (NaN, left out of the extremes).
#pragma once

#include "base/linear_algebra.h"
#include "input/medium_database.h"
#include "physics/acid_base.h"

#include <deal.II/dofs/dof_handler.h>

#include <map>
#include <vector>

namespace mgsim
{
  class PhField
  {
  public:
    /** The media of the tissue regions, by material id, in case order. */
    PhField(
      const dealii::DoFHandler<3>                                      &dofs,
      const std::vector<std::pair<dealii::types::material_id, Medium>> &media);

    /**
     * Recomputes the pH from @p alkalinity [mol/m^3] (ghosted, on the
     * current DoFs) and its extremes over the tissue nodes. Collective.
     */
    void
    update(const VectorType &alkalinity);

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
    /** Which medium each locally owned DoF takes (-1: none). */
    std::vector<int>
    medium_per_dof() const;

    const dealii::DoFHandler<3>              &dofs;
    std::map<dealii::types::material_id, int> medium_of_material;
    std::vector<AcidBase>                     chemistry;
    std::vector<CarbonSupply>                 supply;
    VectorType                                ph;
    double                                    lowest = 0, highest = 0;
  };
} // namespace mgsim
