// A shipped case's geometry: it loads (gmsh meshes the .geo), has exactly
// the expected regions and boundaries, every region of the case holds cells,
// every cell is valid (positive Jacobian at all 2^3 Gauss points, not only a
// positive volume: hexahedra from split tetrahedra can fold), and the
// regions' volumes are as the geometry's comments say (within the faceting
// tolerance given).
// Usage: case_geometry CASE.cfg REGIONS BOUNDARIES [NAME=VOLUME_MM3:TOL ...]
//   REGIONS, BOUNDARIES: comma-separated names, e.g. wire,tumour,muscle
#include "input/case_parameters.h"
#include "input/mesh_loader.h"
#include "support/test_support.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>

#include <set>
#include <sstream>

using namespace dealii;

namespace
{
  std::set<std::string>
  split(const std::string &list)
  {
    std::set<std::string> names;
    std::stringstream     s(list);
    for (std::string name; std::getline(s, name, ',');)
      names.insert(name);
    return names;
  }

  std::string
  joined(const std::set<std::string> &names)
  {
    std::string text;
    for (const auto &name : names)
      text += (text.empty() ? "" : ",") + name;
    return text;
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  const MPI_Comm          comm = test.comm;
  auto                   &list = test.checklist;

  const mgsim::CaseParameters             prm = mgsim::read_case(argv[1], {});
  parallel::distributed::Triangulation<3> triangulation(comm);
  const mgsim::MeshInfo mesh = mgsim::load_mesh(prm.mesh, triangulation);
  mgsim::check_mesh_against_case(mesh, prm);

  std::set<std::string> regions, boundaries;
  for (const auto &[name, id] : mesh.regions)
    regions.insert(name);
  for (const auto &[name, id] : mesh.boundaries)
    boundaries.insert(name);
  list.check(regions == split(argv[2]),
             "regions " + joined(regions) + " (expected " + argv[2] + ")");
  list.check(boundaries == split(argv[3]),
             "boundaries " + joined(boundaries) + " (expected " + argv[3] +
               ")");

  std::map<types::material_id, double> volume;
  double                               smallest_jxw = 1e300;
  const FE_Q<3>                        fe(1);
  FEValues<3> fe_values(fe, QGauss<3>(2), update_JxW_values);
  for (const auto &cell : triangulation.active_cell_iterators())
    if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        for (const unsigned int q : fe_values.quadrature_point_indices())
          {
            smallest_jxw = std::min(smallest_jxw, fe_values.JxW(q));
            volume[cell->material_id()] += fe_values.JxW(q);
          }
      }
  smallest_jxw = Utilities::MPI::min(smallest_jxw, comm);
  std::ostringstream what;
  what << "smallest JxW " << smallest_jxw << " m^3 > 0 on "
       << triangulation.n_global_active_cells() << " cells";
  list.check(smallest_jxw > 0, what.str());

  std::vector<std::string> case_regions = {prm.implant.region};
  for (const auto &region : prm.regions)
    if (region.name != mgsim::degraded_region)
      case_regions.push_back(region.name);
  for (const auto &name : case_regions)
    {
      const double v =
        mesh.regions.count(name) ?
          Utilities::MPI::sum(volume[mesh.regions.at(name)], comm) :
          0.0;
      list.check(v > 0, "region " + name + " holds cells");
    }

  for (int i = 4; i < argc; ++i)
    {
      // NAME=VOLUME_MM3:TOL
      const std::string spec  = argv[i];
      const auto        equal = spec.find('='), colon = spec.find(':');
      const std::string name = spec.substr(0, equal);
      const double      expected =
        std::stod(spec.substr(equal + 1, colon - equal - 1));
      const double tolerance = std::stod(spec.substr(colon + 1));
      const double v =
        Utilities::MPI::sum(volume[mesh.regions.at(name)], comm) / 1e-9;
      what.str("");
      what << name << " volume " << v << " mm^3 vs " << expected
           << " mm^3 (tolerance " << tolerance * 100 << " %)";
      list.check(std::abs(v / expected - 1) < tolerance, what.str());
    }
  return list.finish();
}
