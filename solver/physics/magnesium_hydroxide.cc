#include "physics/magnesium_hydroxide.h"

#include "base/petsc_arrays.h"
#include "physics/brucite_reaction.h"

#include <optional>

namespace mgsim
{
  using namespace dealii;

  /** What one species exchanges: the last react()'s moves, scaled. */
  class MagnesiumHydroxide::Share : public PhaseExchange
  {
  public:
    Share(const MagnesiumHydroxide &solid, const double per_mole)
      : solid(solid)
      , per_mole(per_mole)
    {
    }

    void
    exchange(const VectorType &, double, VectorType &out) override
    {
      out.reinit(solid.moved);
      out = solid.moved;
      out *= per_mole;
    }

    double
    moles() const override
    {
      return per_mole * solid.total_moles();
    }

    /** A reaction that can empty a node acts on the node alone. */
    bool
    at_nodes() const override
    {
      return true;
    }

  private:
    const MagnesiumHydroxide &solid;
    const double              per_mole;
  };

  MagnesiumHydroxide::MagnesiumHydroxide(const DoFHandler<3> &dof_handler,
                                         const VectorType    &magnesium_volumes,
                                         const VectorType &alkalinity_volumes,
                                         const double      precipitation_time)
    : NodalPhase(dof_handler, magnesium_volumes, 1.0)
    , alkalinity_volumes(alkalinity_volumes)
    , precipitation_time(precipitation_time)
    , moved(density)
  {
  }

  MagnesiumHydroxide::~MagnesiumHydroxide() = default;

  void
  MagnesiumHydroxide::react(const VectorType &magnesium,
                            const VectorType &alkalinity,
                            const VectorType *carbon,
                            const NodalMedia &media,
                            const double      dt)
  {
    moved                   = 0;
    const double relaxation = precipitation_time / dt;
    {
      const petsc_arrays::ReadArray mg(magnesium), ta(alkalinity),
        w_mg(volumes), w_ta(alkalinity_volumes);
      petsc_arrays::WriteArray               solid(density), out(moved);
      std::optional<petsc_arrays::ReadArray> ct;
      if (carbon)
        ct.emplace(*carbon);
      for (unsigned int k = 0; k < density.locally_owned_size(); ++k)
        if (media.in_tissue(k) && w_mg[k] > 0 && w_ta[k] > 0)
          {
            // Moving x mol/m^3 of the Mg2+ fluid moves 2 x w_mg / w_ta of
            // the TA fluid's base.
            const double x = brucite_precipitation(
              media.buffer(k, ct ? std::optional((*ct)[k]) : std::nullopt),
              {mg[k], ta[k], solid[k]},
              2 * w_mg[k] / w_ta[k],
              relaxation);
            solid[k] += x;
            out[k] = x * w_mg[k];
          }
    }
    update_field();
  }

  PhaseExchange &
  MagnesiumHydroxide::share(const double per_mole)
  {
    shares.push_back(std::make_unique<Share>(*this, per_mole));
    return *shares.back();
  }
} // namespace mgsim
