// Problem's run guards (doc/model.md §11): each step's release
// and transport is checked before anything is recorded. A step that leaves
// a value that is not finite, a level clearly below zero, a broken mass
// balance, or whose solve did not converge is undone, the state before it
// is checkpointed (so the run can be continued with other settings, or
// inspected), and the run stops with RunFailure on every rank.
#include "base/run_failure.h"
#include "base/test_faults.h"
#include "base/units.h"
#include "simulation/problem.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace mgsim
{
  using namespace dealii;

  Problem::StepStart
  Problem::step_start() const
  {
    StepStart start;
    start.cells.resize(triangulation.n_active_cells());
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        start.cells[cell->active_cell_index()] = metal->checkpoint_cell(cell);
    for (const auto &s : species_)
      {
        start.transports.push_back(s->transport().checkpoint_vectors());
        start.scalars.push_back(s->transport().checkpoint_scalars());
        start.released.push_back(s->released());
      }
    if (gas)
      {
        start.phases.push_back(gas->field());
        start.gas_moles = gas->moles();
      }
    if (brucite)
      {
        start.phases.push_back(brucite->field());
        start.solid_moles = brucite->total_moles();
      }
    start.co2_moles = co2 ? co2->moles() : 0.0;
    return start;
  }

  std::string
  Problem::check_step() const
  {
    std::ostringstream what;
    for (const auto &s : species_)
      {
        const ScalarTransport &t     = s->transport();
        const std::string     &label = s->definition().keys.label;
        // The l2 norm is NaN or infinite if any entry is (on any rank).
        if (!std::isfinite(t.solution().l2_norm()))
          return label + " is not finite (NaN or infinite)";
        const double largest = t.max_value(), smallest = t.min_value();
        if (smallest < -prm.solver.max_undershoot * std::max(largest, 0.0))
          {
            what << label << " fell to " << smallest / units::mM
                 << " mM, below -[solver] max_undershoot = "
                 << prm.solver.max_undershoot << " of its largest level "
                 << largest / units::mM << " mM";
            return what.str();
          }
        // Relative to the largest amount the ledger moves or holds: a
        // species that releases next to nothing (CT at rest exchanges
        // ~1e-20 mol) would otherwise divide rounding by nearly zero.
        const TransportLedger &ledger = t.ledger();
        const double           scale =
          std::max({std::abs(ledger.released),
                    std::abs(ledger.cleared),
                    std::abs(ledger.boundary_outflow),
                    std::abs(t.checkpoint_scalars().initial_content)});
        const double error = scale > 0 ? ledger.imbalance() / scale : 0.0;
        if (!(error <= prm.solver.max_balance_error))
          {
            what << label << ": mass-balance error " << error
                 << " above [solver] max_balance_error = "
                 << prm.solver.max_balance_error;
            return what.str();
          }
      }
    if (gas && !std::isfinite(gas->field().l2_norm()))
      return "the H2 gas is not finite (NaN or infinite)";
    if (brucite && !std::isfinite(brucite->field().l2_norm()))
      return "solid Mg(OH)2 is not finite (NaN or infinite)";
    return "";
  }

  void
  Problem::guarded_step(const Clock     &clock,
                        const double     dt,
                        const StepStart &start)
  {
    std::string failure;
    try
      {
        release_and_transport(clock.time(), dt);
        if (test_fault("nan"))
          {
            // A test's fault: one NaN in the first species, on rank 0.
            auto &c = const_cast<VectorType &>(
              species_.front()->transport().solution());
            if (Utilities::MPI::this_mpi_process(comm) == 0)
              c(c.local_range().first) =
                std::numeric_limits<double>::quiet_NaN();
            c.compress(VectorOperation::insert);
          }
        failure = check_step();
      }
    catch (const RunFailure &e)
      {
        failure = e.what();
      }
    if (failure.empty())
      return;

    // Back to the start of the step: the metal, the species, the phases.
    metal->restore(start.cells, metal->initial_volume());
    for (unsigned int s = 0; s < species_.size(); ++s)
      {
        species_[s]->transport().restore(start.transports[s], start.scalars[s]);
        species_[s]->set_released(start.released[s]);
      }
    auto phase = start.phases.begin();
    if (gas)
      gas->set_field(*phase++, start.gas_moles);
    if (brucite)
      brucite->set_field(*phase++, start.solid_moles);
    if (co2)
      co2->set_moles(start.co2_moles);
    save_checkpoint(clock);

    std::ostringstream message;
    message << "the run failed in step " << clock.steps() + 1
            << " (t = " << clock.time() / units::hour << " -> "
            << (clock.time() + dt) / units::hour << " h): " << failure
            << "; the state at t = " << clock.time() / units::hour
            << " h is checkpointed in " << prm.output.directory
            << "/checkpoint";
    throw RunFailure(message.str());
  }
} // namespace mgsim
