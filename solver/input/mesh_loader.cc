#include "input/mesh_loader.h"

#include "base/input_error.h"
#include "base/message_line.h"
#include "base/text_file.h"
#include "input/ini_file.h"

#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_in.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/manifold_lib.h>

#include <gmsh.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>
#include <tuple>

namespace mgsim
{
  using namespace dealii;
  namespace fs = std::filesystem;

  namespace
  {
    /**
     * Where the mesh of @p geo_file is cached: next to it (".mgsim-cache/"), or
     * in ~/.cache/mgsim if that directory is not writable. The name carries a
     * hash of the .geo text, its parameters and the gmsh version, so editing
     * the .geo or setting a parameter remeshes.
     */
    std::string
    cache_path(const MeshParameters &parameters)
    {
      const std::string &geo_file = parameters.file;
      const std::size_t  hash =
        std::hash<std::string>()(read_text_file(geo_file) + GMSH_API_VERSION +
                                 parameters.parameters_text());
      std::ostringstream name;
      name << fs::path(geo_file).stem().string() << "-" << std::hex
           << std::setw(16) << std::setfill('0') << hash << ".msh";

      fs::path        dir = fs::path(geo_file).parent_path() / ".mgsim-cache";
      std::error_code error;
      fs::create_directories(dir, error);
      if (error || access(dir.c_str(), W_OK) != 0)
        {
          const char *home = std::getenv("HOME");
          dir = fs::path(home ? home : "/tmp") / ".cache" / "mgsim";
          fs::create_directories(dir, error);
        }
      return (dir / name.str()).string();
    }

    /** Meshes the .geo of @p parameters (its numbers set) into MSH 2.2 at
     * @p msh_file; returns "" or an error. */
    std::string
    run_gmsh(const MeshParameters &parameters, const std::string &msh_file)
    {
      std::string error;
      gmsh::initialize();
      gmsh::option::setNumber("General.Terminal", 0);
      gmsh::logger::start();
      try
        {
          // ONELAB values outlive finalize(): clear the last mesh's first.
          gmsh::onelab::clear();
          for (const auto &[name, value] : parameters.parameters)
            gmsh::onelab::setNumber("Parameters/" + name, {value});
          gmsh::open(parameters.file);
          gmsh::model::mesh::generate(3);
          // MSH 2.2 read through a stream is the path on which deal.II 9.4
          // keeps boundary ids (its file-name reader, through the gmsh API,
          // gave every boundary face id 0).
          gmsh::option::setNumber("Mesh.MshFileVersion", 2.2);
          std::vector<std::size_t> tags;
          std::vector<double>      coordinates, parametric;
          gmsh::model::mesh::getNodes(tags, coordinates, parametric);
          if (tags.empty())
            error = "gmsh produced no mesh";
          else
            {
              // Unique per process: tests running in parallel may mesh the same
              // file.
              const std::string partial =
                msh_file + "." + std::to_string(getpid()) + ".partial.msh";
              gmsh::write(partial);
              fs::rename(partial, msh_file);
            }
        }
      catch (...)
        {
          error = "gmsh failed";
        }
      std::vector<std::string> log;
      gmsh::logger::get(log);
      for (const auto &line : log)
        if (line.rfind("Error", 0) == 0)
          {
            error = line;
            break;
          }
      gmsh::logger::stop();
      gmsh::finalize();
      return error;
    }

    /**
     * Refuses global refinements that would make more cells than the case
     * allows or than this machine's memory holds, before refining (p4est
     * aborts, or the machine swaps, instead of failing cleanly). The
     * estimate, 4 kB per cell, is the least measured: the wire (1 species
     * pair) takes 4.2 kB per cell above its start-up, the tumour with its
     * chemistry ~12 kB. On @p ranks ranks the memory may be up to @p ranks
     * machines' (a cluster's nodes): only what cannot fit even then is
     * refused.
     */
    void
    check_refined_size(const MeshParameters &parameters,
                       const std::size_t     coarse_cells,
                       const unsigned int    ranks)
    {
      const double cells =
        coarse_cells *
        std::pow(8.0, static_cast<double>(parameters.refinements));
      const double memory_bytes = static_cast<double>(sysconf(_SC_PHYS_PAGES)) *
                                  static_cast<double>(sysconf(_SC_PAGE_SIZE)) *
                                  ranks;
      const double       bytes_per_cell = 4e3;
      std::ostringstream what;
      what << std::setprecision(3) << parameters.case_file
           << ": [mesh] refinements = " << parameters.refinements << ": "
           << cells << " cells from the " << coarse_cells << " of "
           << fs::path(parameters.file).filename().string() << ", ";
      if (parameters.max_cells > 0 && cells > parameters.max_cells)
        throw InputError(what.str() + "more than [adaptivity] max_cells = " +
                         std::to_string(parameters.max_cells));
      if (cells * bytes_per_cell > memory_bytes)
        {
          what << "about " << cells * bytes_per_cell / 1e9 << " GB, more than "
               << memory_bytes / 1e9 << " GB (" << ranks
               << " x this machine's memory)";
          throw InputError(what.str());
        }
    }

    /**
     * Refuses MSH text that is cut or garbled in its structure before
     * deal.II's reader sees it (given a cut $Nodes block it loops for
     * ever): every $Section closed by its $EndSection, $Nodes and $Elements
     * present, and in MSH 2 their counts matching their lines.
     */
    void
    check_msh_structure(const std::string &text,
                        const std::string &shown,
                        const bool         version_2)
    {
      std::istringstream in(text);
      // The open section, its first line and how many lines it holds (a
      // mesh's blocks run to millions of lines: they are counted, not kept).
      std::string              line, open, first;
      std::size_t              lines = 0;
      std::vector<std::string> sections;
      const auto               counted = [&](const std::string &name) {
        if (name != "Nodes" && name != "Elements")
          return;
        std::size_t declared = 0;
        char       *end      = nullptr;
        if (lines > 0)
          declared = std::strtoul(first.c_str(), &end, 10);
        if (lines == 0 || *end != '\0' || declared + 1 != lines)
          throw InputError(
            shown + ": $" + name + " declares " +
            (lines == 0 ? "nothing" : "'" + one_line(first, 20) + "'") +
            " but holds " + std::to_string(lines > 0 ? lines - 1 : 0) +
            " lines: the file is cut or garbled");
      };
      for (unsigned int number = 1; std::getline(in, line); ++number)
        {
          line = trim(line);
          if (line.empty() || line[0] != '$')
            {
              if (open.empty())
                throw InputError(shown + ": line " + std::to_string(number) +
                                 " is outside any $Section: the file is cut "
                                 "or garbled");
              if (lines++ == 0)
                first = line;
              continue;
            }
          if (line.rfind("$End", 0) == 0)
            {
              if (line.substr(4) != open)
                throw InputError(shown + ": line " + std::to_string(number) +
                                 ": '" + one_line(line, 30) + "' closes " +
                                 (open.empty() ? "nothing" : "$" + open) +
                                 ": the file is cut or garbled");
              if (version_2)
                counted(open);
              sections.push_back(open);
              open.clear();
              continue;
            }
          if (!open.empty())
            throw InputError(shown + ": $" + open + " is not closed before " +
                             one_line(line, 30) +
                             ": the file is cut or garbled");
          open  = line.substr(1);
          lines = 0;
        }
      if (!open.empty())
        throw InputError(shown + ": $" + open + " is not closed ($End" + open +
                         " missing): the file is cut");
      for (const char *required : {"Nodes", "Elements"})
        if (std::find(sections.begin(), sections.end(), required) ==
            sections.end())
          throw InputError(shown + ": no $" + required +
                           " section: the file is cut or not a mesh");
    }

    /**
     * The text of the gmsh file @p msh_file, checked to be ASCII MSH; errors
     * name @p shown (the .geo it was meshed from, or the .msh itself).
     */
    std::string
    read_msh_text(const std::string &msh_file, const std::string &shown)
    {
      std::string version;
      {
        std::ifstream in(msh_file, std::ios::binary);
        std::string   first, format;
        std::getline(in, first);
        std::getline(in, format);
        if (trim(first) != "$MeshFormat")
          throw InputError(shown +
                           ": not a gmsh .msh file (its first line is '" +
                           one_line(first, 40) + "', not $MeshFormat)");
        std::istringstream fields(format);
        int                file_type = -1;
        fields >> version >> file_type;
        if (file_type == 1)
          throw InputError(shown + ": binary MSH; mgsim reads ASCII MSH (gmsh: "
                                   "Mesh.Binary = 0)");
        if (file_type != 0)
          throw InputError(shown + ": malformed $MeshFormat line '" +
                           one_line(format, 40) + "'");
      }
      const std::string text = read_text_input(msh_file);
      check_msh_structure(text, shown, version.rfind("2.", 0) == 0);
      return text;
    }

    /** Reads the $PhysicalNames block of MSH text @p text. */
    MeshInfo
    read_physical_names(const std::string &text, const std::string &shown)
    {
      MeshInfo           info;
      std::istringstream in(text);
      std::string        line;
      while (std::getline(in, line) && line.rfind("$PhysicalNames", 0) != 0)
        ;
      unsigned int n = 0;
      in >> n;
      for (unsigned int i = 0; i < n; ++i)
        {
          int         dimension = 0, tag = 0;
          std::string name;
          in >> dimension >> tag;
          std::getline(in, name);
          const auto first = name.find('"'), last = name.rfind('"');
          if (!in || first == std::string::npos || last <= first)
            throw InputError(shown + ": malformed $PhysicalNames entry " +
                             std::to_string(i + 1) + " of " +
                             std::to_string(n));
          name = name.substr(first + 1, last - first - 1);
          if (dimension == 3)
            info.regions[name] = tag;
          else if (dimension == 2)
            info.boundaries[name] = tag;
        }
      return info;
    }

    /**
     * The essential line of a deal.II exception @p what: its "Additional
     * information", without the stack trace.
     */
    std::string
    essential(const std::string &what)
    {
      const auto  from = what.find("Additional information:");
      std::string text =
        from == std::string::npos ? what : what.substr(from + 23);
      return one_line(text.substr(0, text.find("Stacktrace:")), 140);
    }

    /**
     * Refuses cells a solver cannot use (not hexahedral, a repeated
     * vertex, no volume) and named boundary groups without faces (a group
     * of no area would silently act as no-flux).
     */
    void
    check_cells_and_boundaries(const Triangulation<3> &mesh,
                               const MeshInfo         &info,
                               const std::string      &shown)
    {
      if (!mesh.all_reference_cells_are_hyper_cube())
        throw InputError(
          shown + ": the mesh has non-hexahedral cells; mgsim needs "
                  "all-hexahedral meshes (gmsh: transfinite + Recombine, or "
                  "Mesh.SubdivisionAlgorithm = 2)");
      std::map<types::boundary_id, unsigned int> faces;
      for (const auto &cell : mesh.active_cell_iterators())
        {
          std::vector<unsigned int> vertices;
          for (const unsigned int v : cell->vertex_indices())
            vertices.push_back(cell->vertex_index(v));
          std::sort(vertices.begin(), vertices.end());
          if (std::adjacent_find(vertices.begin(), vertices.end()) !=
              vertices.end())
            throw InputError(shown + ": cell " +
                             std::to_string(cell->index() + 1) +
                             " repeats a vertex (a degenerate hexahedron)");
          if (cell->measure() <= 0)
            throw InputError(shown + ": cell " +
                             std::to_string(cell->index() + 1) +
                             " has no positive volume (inverted or flat)");
          for (const auto &face : cell->face_iterators())
            if (face->at_boundary())
              ++faces[face->boundary_id()];
        }
      for (const auto &[name, id] : info.boundaries)
        if (faces[id] == 0)
          throw InputError(shown + ": boundary group '" + name +
                           "' has no faces on the mesh's boundary (zero "
                           "area)");
    }

    /**
     * Faces whose vertices all lie at one distance from the axis (a wire
     * surface, an outer cylinder) get a CylindricalManifold, so refinement
     * puts new vertices on the circle instead of on the coarse polygon. Cell
     * interiors stay flat (transfinite), which keeps O-grid cores valid.
     */
    void
    attach_cylinder_manifold(Triangulation<3> &triangulation, unsigned int axis)
    {
      constexpr types::manifold_id cylinder = 1;
      const auto                   radius   = [axis](const Point<3> &p) {
        double r2 = 0;
        for (unsigned int d = 0; d < 3; ++d)
          if (d != axis)
            r2 += p[d] * p[d];
        return std::sqrt(r2);
      };
      for (const auto &cell : triangulation.active_cell_iterators())
        for (const auto &face : cell->face_iterators())
          {
            double r_min = std::numeric_limits<double>::max(), r_max = 0;
            for (const unsigned int v : face->vertex_indices())
              {
                r_min = std::min(r_min, radius(face->vertex(v)));
                r_max = std::max(r_max, radius(face->vertex(v)));
              }
            if (r_max > 0 && r_max - r_min < 1e-6 * r_max)
              face->set_all_manifold_ids(cylinder);
          }
      triangulation.set_manifold(cylinder, CylindricalManifold<3>(axis));
    }
  } // namespace

  std::string
  MeshInfo::region_name(types::material_id id) const
  {
    for (const auto &[name, region_id] : regions)
      if (region_id == id)
        return name;
    return "";
  }

  MeshInfo
  load_mesh(const MeshParameters                    &parameters,
            parallel::distributed::Triangulation<3> &triangulation)
  {
    const MPI_Comm comm     = triangulation.get_communicator();
    std::string    msh_file = parameters.file;

    if (fs::path(parameters.file).extension() == ".geo")
      {
        msh_file = cache_path(parameters);
        // Only rank 0 meshes; the others learn the outcome from it.
        std::string error;
        if (Utilities::MPI::this_mpi_process(comm) == 0 &&
            !fs::exists(msh_file))
          error = run_gmsh(parameters, msh_file);
        error = Utilities::MPI::broadcast(comm, error, 0);
        if (!error.empty())
          throw InputError(parameters.file + ": meshing failed: " + error);
      }

    // Errors name the file the user wrote: the .geo, not its cached mesh.
    const std::string &shown = parameters.file;
    const std::string  text  = read_msh_text(msh_file, shown);
    MeshInfo           info  = read_physical_names(text, shown);
    info.file                = parameters.file;
    info.msh_file            = msh_file;
    if (info.regions.empty())
      throw InputError(
        shown + ": no physical volume groups: name the regions in the mesh");

    // Read into a serial triangulation first: p4est crashes (instead of
    // throwing) on anything but hexahedra, so check the cells here.
    Triangulation<3> serial;
    try
      {
        GridIn<3> grid_in;
        grid_in.attach_triangulation(serial);
        std::istringstream in(text);
        grid_in.read_msh(in);
      }
    catch (const std::exception &e)
      {
        throw InputError(shown +
                         ": cannot read this mesh: " + essential(e.what()));
      }
    GridTools::scale(parameters.unit_length, serial);
    check_cells_and_boundaries(serial, info, shown);
    check_refined_size(parameters,
                       serial.n_active_cells(),
                       Utilities::MPI::n_mpi_processes(
                         triangulation.get_communicator()));
    triangulation.copy_triangulation(serial);
    if (parameters.cylinder_axis >= 0)
      attach_cylinder_manifold(triangulation, parameters.cylinder_axis);
    triangulation.refine_global(parameters.refinements);
    return info;
  }

  MeshTemplate::MeshTemplate(MPI_Comm comm)
    : pristine(
        comm,
        Triangulation<3>::none,
        parallel::distributed::Triangulation<3>::no_automatic_repartitioning)
  {
  }

  MeshInfo
  MeshTemplate::load(const MeshParameters                    &parameters,
                     parallel::distributed::Triangulation<3> &triangulation)
  {
    const auto key = [](const MeshParameters &p) {
      return std::make_tuple(
        p.file, p.refinements, p.unit_length, p.cylinder_axis, p.parameters);
    };
    if (pristine.n_cells() == 0 || key(parameters) != key(loaded_with))
      {
        pristine.clear();
        info        = load_mesh(parameters, pristine);
        loaded_with = parameters;
      }
    triangulation.copy_triangulation(pristine);
    return info;
  }

  void
  check_mesh_against_case(const MeshInfo       &mesh,
                          const CaseParameters &parameters)
  {
    const std::string       &file = parameters.case_file;
    std::vector<std::string> region_names, boundary_names;
    for (const auto &[name, id] : mesh.regions)
      region_names.push_back(name);
    for (const auto &[name, id] : mesh.boundaries)
      boundary_names.push_back(name);

    if (mesh.regions.count(parameters.implant.region) == 0)
      throw InputError(
        file + ": [implant] region = '" + parameters.implant.region +
        "': expected a mesh region (" + join(region_names) + ")");
    for (const auto &region : parameters.regions)
      if (mesh.regions.count(region.name) == 0 &&
          region.name != degraded_region)
        throw InputError(file + ": [region." + region.name +
                         "]: expected a mesh region (" + join(region_names) +
                         ")");
    for (const auto &name : region_names)
      if (name != parameters.implant.region && !parameters.find_region(name))
        throw InputError(file + ": mesh region '" + name + "' has no [region." +
                         name + "] section (tissue = ...)");
    for (const auto &boundary : parameters.boundaries)
      if (mesh.boundaries.count(boundary.name) == 0)
        throw InputError(file + ": [boundary." + boundary.name +
                         "]: expected a mesh boundary (" +
                         join(boundary_names) + ")");
    for (const auto &name : boundary_names)
      if (!parameters.find_boundary(name))
        throw InputError(file + ": mesh boundary '" + name +
                         "' has no [boundary." + name +
                         "] section (type = ...)");
  }
} // namespace mgsim
