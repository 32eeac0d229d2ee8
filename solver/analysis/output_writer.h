// ParaView output: one solution/solution-NNNNN.vtu per output time written
// collectively by all ranks (MPI-IO, so a cluster run does not create a file
// per rank and step), a solution-NNNNN.pvtu record and solution.pvd with the
// times in hours. Field names carry their units ("Mg2+ [mM]").
#pragma once

#include "base/linear_algebra.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/vector.h>

#include <string>
#include <utility>
#include <vector>

namespace mgsim
{
  /** @brief A nodal field to write and its display name with unit. */
  struct OutputField
  {
    const VectorType *values;
    std::string       name;
  };

  /** @brief A per-cell field (indexed by active cell) and its display name. */
  struct CellOutputField
  {
    dealii::Vector<float> values;
    std::string           name;
  };

  class OutputWriter
  {
  public:
    /**
     * Writes into @p directory; continuing a run, @p records are the
     * (time [h], .pvtu) entries written before (solution.pvd keeps them and
     * the numbering goes on).
     */
    OutputWriter(std::string                                 directory,
                 MPI_Comm                                    comm,
                 std::vector<std::pair<double, std::string>> records = {});

    /** The (time [h], .pvtu) entries written so far. */
    const std::vector<std::pair<double, std::string>> &
    written() const
    {
      return records;
    }

    /**
     * Writes @p fields, @p cell_fields and the cell fields "region id" and
     * "MPI rank" at time @p t [s]. Collective; throws OutputError on every
     * rank if a file cannot be written.
     */
    void
    write(const dealii::DoFHandler<3>        &dof_handler,
          const std::vector<OutputField>     &fields,
          const std::vector<CellOutputField> &cell_fields,
          double                              t);

  private:
    std::string                                 directory;
    MPI_Comm                                    comm;
    std::vector<std::pair<double, std::string>> records;
  };
} // namespace mgsim
