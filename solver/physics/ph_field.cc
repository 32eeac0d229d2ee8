#include "physics/ph_field.h"

#include "base/petsc_arrays.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <limits>
#include <optional>

namespace mgsim
{
  using namespace dealii;

  void
  PhField::update(const VectorType &alkalinity,
                  const VectorType *carbon,
                  const NodalMedia &media)
  {
    petsc_arrays::reinit_like(ph, alkalinity);
    double low = std::numeric_limits<double>::infinity(), high = -low;
    {
      const petsc_arrays::ReadArray          ta(alkalinity);
      std::optional<petsc_arrays::ReadArray> ct;
      if (carbon)
        ct.emplace(*carbon);
      petsc_arrays::WriteArray out(ph);
      for (unsigned int k = 0; k < alkalinity.locally_owned_size(); ++k)
        {
          if (!media.in_tissue(k))
            {
              out[k] = std::numeric_limits<double>::quiet_NaN();
              continue;
            }
          out[k] = media.buffer(k, ct ? std::optional((*ct)[k]) : std::nullopt)
                     .ph(ta[k]);
          low  = std::min(low, double(out[k]));
          high = std::max(high, double(out[k]));
        }
    }
    const MPI_Comm comm = alkalinity.get_mpi_communicator();
    lowest              = Utilities::MPI::min(low, comm);
    highest             = Utilities::MPI::max(high, comm);
  }
} // namespace mgsim
