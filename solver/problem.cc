#include "problem.h"

#include "implant_surface.h"
#include "input_error.h"
#include "nodal_average.h"
#include "output_writer.h"
#include "progress.h"
#include "statistics.h"
#include "units.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/utilities.h>
#include <deal.II/fe/fe_nothing.h>
#include <deal.II/fe/fe_q.h>

#include <iomanip>

namespace mgsim
{
  using namespace dealii;

  Problem::Problem(const CaseParameters &parameters, MPI_Comm comm)
    : prm(parameters)
    , comm(comm)
    , pcout(std::cout, Utilities::MPI::this_mpi_process(comm) == 0)
    , triangulation(comm)
    , dofs(triangulation)
    , rate_law(parameters.implant)
  {
  }

  Problem::~Problem()
  {
    // Transports hold references into the DoFHandler: release them first.
    mg.reset();
    h2.reset();
    dofs.clear();
  }

  types::material_id
  Problem::implant_material() const
  {
    return mesh.regions.at(prm.implant.region);
  }

  void
  Problem::setup()
  {
    mesh = load_mesh(prm.mesh, triangulation);
    check_mesh_against_case(mesh, prm);

    // Every configured region must hold cells (a group may exist but be empty).
    std::map<types::material_id, double> counts;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          counts[cell->material_id()] += 1;
          if (cell->material_id() == implant_material())
            implant_volume += cell->measure();
        }
    implant_volume = Utilities::MPI::sum(implant_volume, comm);
    for (const auto &[name, id] : mesh.regions)
      if (Utilities::MPI::sum(counts[id], comm) == 0)
        throw InputError(mesh.msh_file + ": region '" + name +
                         "' has no cells");

    setup_dofs();
  }

  void
  Problem::setup_dofs()
  {
    const unsigned int degree = prm.solver.fe_degree;
    // Implant cells carry no unknowns: no Mg can be stored in metal.
    fe_collection.push_back(FE_Q<3>(degree));
    fe_collection.push_back(FE_Nothing<3>(1, true));
    cell_quadrature.push_back(QGauss<3>(degree + 1));
    cell_quadrature.push_back(QGauss<3>(degree + 1));
    face_quadrature.push_back(QGauss<2>(degree + 1));
    face_quadrature.push_back(QGauss<2>(degree + 1));

    const types::material_id implant = implant_material();
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        cell->set_active_fe_index(cell->material_id() == implant ? 1 : 0);
    dofs.distribute_dofs(fe_collection);

    const PittingField pitting(prm.implant.alloy.pitting_weibull_shape,
                               prm.implant.pit_size,
                               prm.implant.pitting_seed);
    surface = assemble_implant_surface(
      dofs, face_quadrature, implant, pitting, surface_weights);
    if (surface.geometric == 0)
      throw InputError(prm.case_file + ": [implant] region = '" +
                       prm.implant.region +
                       "': the implant has no face in contact with tissue");

    TransportSetup mg_setup, h2_setup;
    mg_setup.name = "Mg2+";
    h2_setup.name = "H2";
    for (TransportSetup *s : {&mg_setup, &h2_setup})
      {
        s->linear_tolerance     = prm.solver.linear_tolerance;
        s->amg_strong_threshold = prm.solver.amg_strong_threshold;
      }
    region_ids.clear();
    for (const auto &region : prm.regions)
      {
        const types::material_id id = mesh.regions.at(region.name);
        region_ids.push_back(id);
        mg_setup.coefficients[id] = region.tissue.mg;
        h2_setup.coefficients[id] = region.tissue.h2;
      }
    for (const auto &boundary : prm.boundaries)
      {
        const types::boundary_id id = mesh.boundaries.at(boundary.name);
        if (boundary.type == BoundaryType::background)
          {
            mg_setup.background_boundaries.insert(id);
            h2_setup.background_boundaries.insert(id);
          }
        else if (boundary.type == BoundaryType::washout)
          {
            mg_setup.washout_boundaries[id] = boundary.mg_mass_transfer;
            h2_setup.washout_boundaries[id] = boundary.h2_mass_transfer;
          }
      }

    mg = std::make_unique<ScalarTransport>(dofs,
                                           cell_quadrature,
                                           face_quadrature,
                                           mg_setup);
    h2 = std::make_unique<ScalarTransport>(dofs,
                                           cell_quadrature,
                                           face_quadrature,
                                           h2_setup);
    mg->setup_system();
    h2->setup_system();

    if (prm.gas.enabled)
      {
        std::map<types::material_id, double> solubility;
        for (const auto &region : prm.regions)
          solubility[mesh.regions.at(region.name)] =
            region.tissue.h2_solubility;
        gas = std::make_unique<HydrogenGas>(dofs,
                                            prm.gas,
                                            nodal_average(dofs, solubility),
                                            h2->content_weights_vector(),
                                            region_ids,
                                            cell_quadrature);
      }
  }

  void
  Problem::print_mesh_summary(std::ostream &out) const
  {
    std::map<types::material_id, double> volume, cells;
    std::map<types::boundary_id, double> area;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          volume[cell->material_id()] += cell->measure();
          cells[cell->material_id()] += 1;
          for (const auto &face : cell->face_iterators())
            if (face->at_boundary())
              area[face->boundary_id()] += face->measure();
        }
    // Collective sums first: every rank takes part, only rank 0 prints.
    for (const auto &[name, id] : mesh.regions)
      {
        volume[id] = Utilities::MPI::sum(volume[id], comm);
        cells[id]  = Utilities::MPI::sum(cells[id], comm);
      }
    for (const types::boundary_id id : {types::boundary_id(0)})
      area[id] = Utilities::MPI::sum(area[id], comm);
    for (const auto &[name, id] : mesh.boundaries)
      area[id] = Utilities::MPI::sum(area[id], comm);
    if (Utilities::MPI::this_mpi_process(comm) != 0)
      return;

    const double mm2 = units::millimeter * units::millimeter;
    const double mm3 = mm2 * units::millimeter;
    out << "mesh: " << prm.mesh.file << "\n"
        << "  read from        " << mesh.msh_file << "\n"
        << "  cells            " << triangulation.n_global_active_cells()
        << " (after " << prm.mesh.refinements << " global refinements)\n"
        << "  unknowns         " << dofs.n_dofs() << " per species (Q"
        << prm.solver.fe_degree << ")\n"
        << "  implant surface  " << surface.geometric / mm2 << " mm^2"
        << (surface.effective != surface.geometric ?
              " (pitting-weighted " + std::to_string(surface.effective / mm2) +
                " mm^2)" :
              std::string())
        << "\n"
        << "regions:\n";
    for (const auto &[name, id] : mesh.regions)
      {
        const RegionParameters *region = prm.find_region(name);
        out << "  " << std::left << std::setw(16) << name << "id "
            << std::setw(4) << int(id) << std::setw(10) << cells[id]
            << " cells  " << std::setw(12) << volume[id] / mm3 << " mm^3  "
            << (region ? "tissue " + region->tissue.name :
                         "implant (" + prm.implant.alloy.name + ")")
            << "\n";
      }
    out << "boundaries:\n";
    for (const auto &[name, id] : mesh.boundaries)
      {
        const BoundaryParameters *b = prm.find_boundary(name);
        out << "  " << std::left << std::setw(16) << name << "id "
            << std::setw(4) << int(id) << std::setw(12) << area[id] / mm2
            << " mm^2  "
            << (b->type == BoundaryType::background ? "background" :
                b->type == BoundaryType::no_flux    ? "no flux" :
                                                      "washout")
            << "\n";
      }
    if (area[0] > 0)
      out << "  (untagged)      " << area[0] / mm2 << " mm^2  no flux\n";
  }

  std::vector<std::string>
  Problem::statistics_columns() const
  {
    std::vector<std::string> columns = {"time_s",
                                        "time_h",
                                        "dofs",
                                        "implant_mass_g",
                                        "implant_volume_mm3",
                                        "mg_released_mol",
                                        "mg_tissue_mol",
                                        "mg_cleared_mol",
                                        "mg_boundary_mol",
                                        "mass_balance_rel_error",
                                        "max_c_mM",
                                        "min_c_mM",
                                        "max_h2_mM",
                                        "h2_released_mol",
                                        "h2_dissolved_mol",
                                        "h2_gas_mol",
                                        "h2_cleared_mol",
                                        "h2_boundary_mol",
                                        "h2_balance_rel_error",
                                        "h2_gas_volume_mm3"};
    for (const auto &region : prm.regions)
      columns.push_back("h2_gas_volume_mm3_" + region.name);
    columns.push_back("corrosion_rate_mm_per_y");
    columns.push_back("mg_flux_mol_per_m2_s");
    return columns;
  }

  std::vector<double>
  Problem::statistics_row(const double t) const
  {
    const TransportLedger &m   = mg->ledger();
    const TransportLedger &h   = h2->ledger();
    const double           mm3 = 1e-9;
    // H2 released equals Mg released (1:1); the H2 transport's own ledger
    // counts what was injected net of gas exchange.
    const double h2_released = m.released;
    const double h2_gas      = gas ? gas->moles() : 0.0;
    const double h2_error =
      h2_released == 0 ?
        0.0 :
        std::abs(h2_released -
                 (h.content + h2_gas + h.cleared + h.boundary_outflow)) /
          h2_released;
    // The geometry is fixed in this version: the metal lost is what was
    // released (mol Mg / w_Mg -> alloy mass); the volume follows the density.
    const Alloy &alloy = prm.implant.alloy;
    const double metal_lost_kg =
      m.released * units::molar_mass_mg / alloy.mg_mass_fraction;
    const double implant_mass_kg =
      alloy.density * implant_volume - metal_lost_kg;
    std::vector<double>       row = {t,
                                     t / units::hour,
                                     double(dofs.n_dofs()),
                                     implant_mass_kg * 1e3,
                                     implant_mass_kg / alloy.density / mm3,
                                     m.released,
                                     m.content,
                                     m.cleared,
                                     m.boundary_outflow,
                                     m.balance_error(),
                                     mg->max_value() / units::mM,
                                     mg->min_value() / units::mM,
                                     h2->max_value() / units::mM,
                                     h2_released,
                                     h.content,
                                     h2_gas,
                                     h.cleared,
                                     h.boundary_outflow,
                                     h2_error,
                                     (gas ? gas->volume() : 0.0) / mm3};
    const std::vector<double> per_region =
      gas ? gas->volume_per_region() :
            std::vector<double>(region_ids.size(), 0.0);
    for (const double v : per_region)
      row.push_back(v / mm3);
    row.push_back(rate_law.rate_mm_per_year(t));
    row.push_back(rate_law.mg_flux(t));
    return row;
  }

  double
  Problem::next_step(const double       step,
                     const double       deviation,
                     const unsigned int order) const
  {
    // The deviation from the linear trend scales like dt^2 (BE) or dt^3
    // (BDF2); aim at the tolerance, change by at most a factor 2 per step.
    // Steps are powers of 2 times step_hours, so the system matrix and its
    // AMG hierarchy are rebuilt only when the level changes.
    const double factor =
      deviation > 0 ?
        std::pow(prm.time.adaptive_tolerance / deviation, 1.0 / (order + 1)) :
        2.0;
    const double wanted = step * std::clamp(factor, 0.5, 2.0);
    const double level =
      std::round(std::log2(wanted / prm.time.time_step) - 0.25);
    return std::clamp(prm.time.time_step * std::pow(2.0, level),
                      prm.time.min_step,
                      prm.time.max_step);
  }

  RunSummary
  Problem::run(std::ostream &progress_out)
  {
    const bool         root      = Utilities::MPI::this_mpi_process(comm) == 0;
    const std::string &directory = prm.output.directory;
    const unsigned int order     = prm.time.scheme == TimeScheme::bdf2 ? 2 : 1;

    CsvWriter  stats(directory + "/stats.csv", statistics_columns(), root);
    VectorType to_gas, h2_injection(surface_weights);
    CsvWriter  solver_log(directory + "/solver.csv",
                         {"step",
                           "time_h",
                           "dt_s",
                           "cg_iterations_mg",
                           "cg_iterations_h2",
                           "assembly_s",
                           "amg_setup_s",
                           "solve_s",
                           "step_wall_s"},
                         root);
    std::unique_ptr<OutputWriter> output;
    if (prm.output.write_vtu)
      output = std::make_unique<OutputWriter>(directory, comm);
    std::vector<OutputField> fields = {{&mg->solution(), "Mg2+ [mM]"},
                                       {&h2->solution(), "H2 [mM]"}};
    if (gas)
      fields.push_back({&gas->volume_fraction(), "H2 gas volume fraction"});
    const auto write_output = [&](double t) {
      if (output)
        output->write(dofs, fields, t);
    };

    RunSummary summary;
    Timer      wall;
    double     t = 0;
    stats.write_row(statistics_row(t));
    write_output(t);
    double next_output = prm.output.interval;

    ProgressLine progress(progress_out, prm.time.end_time, root);
    const double tiny = 1e-9 * prm.time.time_step;
    double       step = prm.time.time_step;
    while (t < prm.time.end_time - tiny)
      {
        const double dt    = std::min(step, prm.time.end_time - t);
        const double t_new = t + dt;
        // The Mg (and 1:1 H2) that leaves the implant surface in this step,
        // integrated exactly: released totals equal metal lost.
        const double released_per_area =
          rate_law.mg_released_per_area(t, t_new);
        Timer step_timer;
        mg->advance_injecting(dt, order, surface_weights, released_per_area);
        if (gas)
          {
            // Gas exchange from the state at the start of the step, handed
            // to the H2 transport as an exact (negative) injection.
            gas->exchange(h2->solution(), dt, to_gas);
            h2_injection.equ(released_per_area, surface_weights);
            h2_injection -= to_gas;
            h2->advance_injecting(dt, order, h2_injection, 1.0);
          }
        else
          h2->advance_injecting(dt, order, surface_weights, released_per_area);
        t = t_new;
        ++summary.steps;

        stats.write_row(statistics_row(t));
        const auto  &a = mg->last_step(), &b = h2->last_step();
        const double step_wall = step_timer.wall_time();
        solver_log.write_row({double(summary.steps),
                              t / units::hour,
                              dt,
                              double(a.iterations),
                              double(b.iterations),
                              a.assembly_seconds + b.assembly_seconds,
                              a.amg_setup_seconds + b.amg_setup_seconds,
                              a.solve_seconds + b.solve_seconds,
                              step_wall});
        summary.max_balance_error = std::max({summary.max_balance_error,
                                              mg->ledger().balance_error(),
                                              h2->ledger().balance_error()});

        if (prm.time.adaptive)
          step = next_step(step, mg->last_step().trend_deviation, order);

        const bool last = t >= prm.time.end_time - tiny;
        if (last || (prm.output.interval > 0 && t >= next_output - tiny))
          {
            write_output(t);
            while (next_output <= t + tiny && prm.output.interval > 0)
              next_output += prm.output.interval;
          }
        progress.update(summary.steps, t);
      }
    progress.finish();
    summary.wall_seconds = wall.wall_time();
    Utilities::System::MemoryStats memory;
    Utilities::System::get_memory_stats(memory);
    summary.peak_memory_mb = Utilities::MPI::sum(memory.VmHWM / 1024.0, comm);
    return summary;
  }
} // namespace mgsim
