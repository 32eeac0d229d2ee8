// Solid Mg(OH)2 (brucite) at the tissue nodes (doc/model.md §7.3). Once per
// step, after the species advanced, every node's Mg2+ and total alkalinity
// react with its solid by the rate law or the equilibrium projection of
// physics/brucite_reaction.h (a split step: transport, then reaction, so the
// state a step ends in, and the output shows, has reacted). Each species takes
// its share of what moved out of its nodes' state through a PhaseExchange (Mg2+
// 1 mol, TA 2 mol per mol of Mg(OH)2; ScalarTransport::remove_at_nodes), so a
// node's reaction changes that node alone and both ledgers stay exact. The
// solid lives on the free DoFs, per volume of extracellular fluid (their Mg2+
// content weights), like the concentrations.
#pragma once

#include "physics/nodal_media.h"
#include "physics/nodal_phase.h"
#include "physics/phase_exchange.h"

#include <memory>
#include <vector>

namespace mgsim
{
  class MagnesiumHydroxide : public NodalPhase
  {
  public:
    /**
     * @p magnesium_volumes, @p alkalinity_volumes: the free content weights
     * of Mg2+ and TA [m^3] (ScalarTransport::free_content_weights()). @p
     * precipitation_time: 1 / k_p [s]; 0 projects onto equilibrium every step.
     */
    MagnesiumHydroxide(const dealii::DoFHandler<3> &dof_handler,
                       const VectorType            &magnesium_volumes,
                       const VectorType            &alkalinity_volumes,
                       double                       precipitation_time);
    ~MagnesiumHydroxide() override;

    /**
     * Reacts over a step of @p dt [s] from the dissolved @p magnesium and
     * @p alkalinity [mol/m^3] (ghosted) in the buffers of @p media (with
     * the transported @p carbon, if any), and keeps what moved for the
     * species' shares.
     */
    void
    react(const VectorType &magnesium,
          const VectorType &alkalinity,
          const VectorType *carbon,
          const NodalMedia &media,
          double            dt);

    /**
     * The exchange of a species that moves @p per_mole mol per mol of
     * Mg(OH)2 (owned by this object; valid while it lives).
     */
    PhaseExchange &
    share(double per_mole);

    /** Mg(OH)2 precipitated in the last react() per DoF [mol] (owned). */
    const VectorType &
    precipitated() const
    {
      return moved;
    }

  private:
    class Share;

    VectorType alkalinity_volumes;
    double     precipitation_time;
    /** Mg(OH)2 precipitated in the last react() per DoF [mol]. */
    VectorType                          moved;
    std::vector<std::unique_ptr<Share>> shares;
  };
} // namespace mgsim
