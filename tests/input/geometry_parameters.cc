// Geometry parameters (doc/model.md §2.5): a case's [mesh] parameters set
// the numbers a .geo declares before gmsh reads it. The wire array's wire
// volume follows the parameters: N wires of diameter d and length L hold
// N pi d^2 L / 4, less the faceting of the curved surface (about 1 %, the
// same for each wire: the ratios are compared to 1.5 %). A mesh made with
// parameters leaves none behind: the next mesh without them gets the
// .geo's defaults (3 wires), as the same mesh with those set explicitly.
// Usage: geometry_parameters CASE.cfg (the wire array)
#include "input/mesh_loader.h"
#include "support/test_support.h"

#include <cmath>
#include <filesystem>

using mgsim_test::text;
using namespace mgsim;

namespace
{
  struct Loaded
  {
    double      wire_mm3 = 0;
    std::string msh_file;
  };

  /** The wire array meshed with @p parameters ("": none, the defaults). */
  Loaded
  load(const std::string &case_file, const std::string &parameters)
  {
    auto prm = read_case(case_file,
                         {"mesh.parameters=" +
                          (parameters.empty() ? "wires=3" : parameters)});
    if (parameters.empty())
      prm.mesh.parameters.clear();
    dealii::parallel::distributed::Triangulation<3> triangulation(
      MPI_COMM_WORLD);
    const MeshInfo info   = load_mesh(prm.mesh, triangulation);
    double         volume = 0;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned() &&
          cell->material_id() == info.regions.at("wire"))
        volume += cell->measure();
    return {dealii::Utilities::MPI::sum(volume, MPI_COMM_WORLD) / 1e-9,
            info.msh_file};
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment env(argc, argv);
  auto                   &checks    = env.checklist;
  const std::string       case_file = argv[1];

  const Loaded one   = load(case_file, "wires=1, diameter_mm=0.5, length_mm=6");
  const Loaded fat   = load(case_file, "wires=1, diameter_mm=1, length_mm=6");
  const Loaded plain = load(case_file, "");
  const Loaded three =
    load(case_file, "wires=3, spacing_mm=1.5, diameter_mm=0.5, length_mm=6");
  const double exact = M_PI * 0.25 * 0.25 * 6;
  if (env.root)
    std::cout << "wire volume [mm^3]: 1 x 0.5 mm " << one.wire_mm3
              << " (cylinder " << exact << "), 1 x 1 mm " << fat.wire_mm3
              << ", defaults " << plain.wire_mm3 << ", 3 x 0.5 mm "
              << three.wire_mm3 << "\n";
  checks.check(std::abs(one.wire_mm3 / exact - 1) < 0.02,
               "one wire of 0.5 mm x 6 mm: " + text(one.wire_mm3, 5) +
                 " mm^3, within 2 % of the cylinder's " + text(exact, 5));
  checks.check(std::abs(fat.wire_mm3 / one.wire_mm3 / 4 - 1) < 0.015,
               "twice the diameter: " + text(fat.wire_mm3 / one.wire_mm3, 5) +
                 " x the volume (4)");
  checks.check(std::abs(three.wire_mm3 / one.wire_mm3 / 3 - 1) < 0.015,
               "three wires: " + text(three.wire_mm3 / one.wire_mm3, 5) +
                 " x the volume (3)");
  checks.check(
    plain.wire_mm3 == three.wire_mm3 && plain.msh_file != three.msh_file &&
      one.msh_file != three.msh_file,
    "no parameters after a 1-wire mesh: the .geo's defaults (3 wires), the same "
    "mesh as with them set; every parameter set has its own cache file");
  // A repeated parameter set is served from its cache file: loaded again,
  // the same file, not written again (gmsh would rewrite it). A set no
  // other test meshes, so that no concurrent test writes the file between.
  const std::string unique  = "wires=1, diameter_mm=0.45, length_mm=5";
  const Loaded      first   = load(case_file, unique);
  const auto        written = std::filesystem::last_write_time(first.msh_file);
  const Loaded      again   = load(case_file, unique);
  checks.check(again.msh_file == first.msh_file &&
                 std::filesystem::last_write_time(again.msh_file) == written &&
                 again.wire_mm3 == first.wire_mm3,
               "a parameter set again: the same cache file, not meshed "
               "again, the same volume");
  return checks.finish();
}
