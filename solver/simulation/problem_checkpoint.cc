// Problem::save_checkpoint() and Problem::resume(): the whole state of a run
// between two steps goes with the mesh through deal.II's
// Triangulation::save()/load(), so a run continues on any number of ranks.
// Three transfers, in this order on both sides:
//  1. per cell: material id (implant cells turn `degraded`) and the metal's
//     recession state;
//  2. nodal vectors: each species with its BDF2 history, the exposure
//     histories, the gas, solid Mg(OH)2;
//  3. the tumour-coverage times at quadrature points.
#include "base/input_error.h"
#include "base/test_faults.h"
#include "simulation/problem.h"

#include <deal.II/distributed/cell_data_transfer.h>
#include <deal.II/distributed/cell_data_transfer.templates.h>
#include <deal.II/distributed/solution_transfer.h>

namespace mgsim
{
  using namespace dealii;

  namespace
  {
    using CellRecords = std::vector<std::vector<double>>;
    using CellRecordTransfer =
      parallel::distributed::CellDataTransfer<3, 3, CellRecords>;
    using FieldTransfer =
      parallel::distributed::SolutionTransfer<3, VectorType>;
  } // namespace

  void
  Problem::save_checkpoint(const Clock &clock) const
  {
    // Its size: each cell's DoF values of every field, its metal record.
    const std::size_t n_fields =
      species_.size() * ScalarTransport::n_checkpoint_vectors +
      recorder->history_vectors().size() + 2;
    const std::string directory =
      checkpoint::begin(prm.output.directory,
                        triangulation.n_global_active_cells() *
                          (fe_collection.max_dofs_per_cell() * n_fields + 16) *
                          sizeof(double),
                        comm);

    CellRecords cells(triangulation.n_active_cells());
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          auto &record = cells[cell->active_cell_index()];
          record       = metal->checkpoint_cell(cell);
          record.insert(record.begin(), cell->material_id());
        }
    CellRecordTransfer cell_transfer(triangulation,
                                     /*transfer_variable_size_data=*/true);
    cell_transfer.prepare_for_serialization(cells);

    // Species by species, then the histories, the gas, the solid.
    std::vector<std::vector<VectorType>> species_state;
    std::vector<const VectorType *>      fields;
    for (const auto &s : species_)
      species_state.push_back(s->transport().checkpoint_vectors());
    for (const auto &group : species_state)
      for (const auto &v : group)
        fields.push_back(&v);
    for (const VectorType *v : recorder->history_vectors())
      fields.push_back(v);
    if (gas)
      fields.push_back(&gas->field());
    if (brucite)
      fields.push_back(&brucite->field());
    FieldTransfer field_transfer(dofs);
    field_transfer.prepare_for_serialization(fields);

    recorder->coverage().prepare_for_serialization(triangulation);
    triangulation.save(directory + "/mesh");
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      test_kill_point("checkpoint-mesh", directory + "/mesh_fixed.data");

    RunState state;
    state.clock             = clock.state();
    state.cells_opened      = figures.cells_opened;
    state.max_balance_error = figures.max_balance_error;
    for (const auto &s : species_)
      {
        state.transports.push_back(s->transport().checkpoint_scalars());
        state.released.push_back(s->released());
      }
    state.gas_moles              = gas ? gas->moles() : 0.0;
    state.solid_moles            = brucite ? brucite->total_moles() : 0.0;
    state.co2_exchanged          = co2 ? co2->moles() : 0.0;
    state.initial_implant_volume = metal->initial_volume();
    state.recorder               = recorder->state();
    state.coarse_cells           = triangulation.n_global_coarse_cells();
    state.case_values            = checkpoint::case_values(prm);
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      checkpoint::write_state(directory, state);
    checkpoint::commit(prm.output.directory, comm);
  }

  const RunState &
  Problem::resume(const std::string &directory)
  {
    RunState state = checkpoint::read_state(directory);
    checkpoint::check_same_case(directory,
                                state.case_values,
                                checkpoint::case_values(prm));
    checkpoint::check_files(prm.output.directory, state, comm);
    if (state.transports.size() != definitions.size())
      throw InputError(
        directory + ": written for " + std::to_string(state.transports.size()) +
        " species, this run transports " + std::to_string(definitions.size()));
    // load() rebuilds the refinement from the coarse mesh.
    MeshParameters coarse = prm.mesh;
    coarse.refinements    = 0;
    mesh                  = load_mesh(coarse, triangulation);
    if (triangulation.n_global_coarse_cells() != state.coarse_cells)
      throw InputError(directory + ": written for a mesh of " +
                       std::to_string(state.coarse_cells) +
                       " coarse cells, but " + mesh.file + " has " +
                       std::to_string(triangulation.n_global_coarse_cells()));
    setup_regions();
    triangulation.load(directory + "/mesh");

    CellRecords        cells(triangulation.n_active_cells());
    CellRecordTransfer cell_transfer(triangulation,
                                     /*transfer_variable_size_data=*/true);
    cell_transfer.deserialize(cells);
    for (auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          auto &record = cells[cell->active_cell_index()];
          cell->set_material_id(static_cast<types::material_id>(record[0]));
          record.erase(record.begin());
        }
    exchange_materials_with_ghosts();
    setup_dofs();
    metal->restore(cells, state.initial_implant_volume);
    surface = metal->exposed_area();

    recorder->start_histories(state.clock.time);
    const std::size_t n_transport = ScalarTransport::n_checkpoint_vectors,
                      n_history   = recorder->history_vectors().size();
    std::vector<VectorType>   fields(species_.size() * n_transport + n_history +
                                     (gas ? 1 : 0) + (brucite ? 1 : 0),
                                   VectorType(dofs.locally_owned_dofs(), comm));
    std::vector<VectorType *> targets;
    for (auto &v : fields)
      targets.push_back(&v);
    FieldTransfer field_transfer(dofs);
    field_transfer.deserialize(targets);

    auto       next = fields.begin();
    const auto take = [&](std::size_t n) {
      std::vector<VectorType> group(next, next + n);
      next += n;
      return group;
    };
    for (unsigned int s = 0; s < species_.size(); ++s)
      {
        species_[s]->transport().restore(take(n_transport),
                                         state.transports[s]);
        species_[s]->set_released(state.released[s]);
      }
    recorder->adopt_histories(take(n_history));
    if (gas)
      gas->set_field(take(1)[0], state.gas_moles);
    if (brucite)
      brucite->set_field(take(1)[0], state.solid_moles);
    if (co2)
      co2->set_moles(state.co2_exchanged);

    recorder->coverage().deserialize(triangulation);
    resumed = std::move(state);
    return *resumed;
  }
} // namespace mgsim
