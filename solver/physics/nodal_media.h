// The medium at every node (doc/model.md §7): a node takes the medium of the
// adjacent tissue region listed first in the case (the same on every rank);
// nodes of the implant have none. Open media hold CO2; closed ones keep the
// inorganic carbon of their state at rest, which corrosion does not change,
// unless CT is transported (a medium exchanges CO2 with an incubator's gas,
// doc/model.md §7.5).
#pragma once

#include "input/medium_database.h"
#include "physics/acid_base.h"

#include <deal.II/dofs/dof_handler.h>

#include <map>
#include <utility>
#include <vector>

namespace mgsim
{
  class NodalMedia
  {
  public:
    /** The media of the tissue regions, by material id, in case order. */
    NodalMedia(
      const dealii::DoFHandler<3>                                      &dofs,
      const std::vector<std::pair<dealii::types::material_id, Medium>> &media);

    /** Takes the present DoFs and materials (after either changed). */
    void
    reinit();

    /** Whether the @p k-th locally owned DoF lies in a tissue. */
    bool
    in_tissue(const unsigned int k) const
    {
      return medium[k] >= 0;
    }

    /**
     * The buffer of the @p k-th locally owned DoF (in_tissue(k)): open, or
     * with the carbon at rest, or with @p transported carbon if CT is
     * transported (closed and incubator media).
     */
    LocalBuffer
    buffer(const unsigned int          k,
           const std::optional<double> transported = std::nullopt) const
    {
      const int m = medium[k];
      if (open[m])
        return {chemistry[m], std::nullopt};
      return {chemistry[m], transported ? transported : carbon[m]};
    }

  private:
    const dealii::DoFHandler<3>              &dofs;
    std::map<dealii::types::material_id, int> medium_of_material;
    std::vector<AcidBase>                     chemistry;
    std::vector<bool>                         open;
    std::vector<double>                       carbon;
    /** Medium of each locally owned DoF (-1: none). */
    std::vector<int> medium;
  };
} // namespace mgsim
