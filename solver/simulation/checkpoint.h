// Checkpoints, so that a run killed at a batch system's time limit can be
// resumed (`mgsim run CASE --resume`). A checkpoint is the directory
// OUTPUT/checkpoint: the refined mesh with every field attached to its cells
// (deal.II's Triangulation::save, readable by any number of ranks) and the
// run's scalars in run_state.bin. It is written into checkpoint.new and then
// renamed into place, so a kill while writing leaves the previous one whole.
#pragma once

#include "analysis/run_recorder.h"
#include "input/case_parameters.h"
#include "physics/scalar_transport.h"
#include "simulation/clock.h"

#include <mpi.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mgsim
{
  /** @brief Everything of a run between two steps that is not a field. */
  struct RunState
  {
    ClockState   clock;
    unsigned int cells_opened      = 0;
    double       max_balance_error = 0;
    /** Per species: the transport's time-stepping scalars and ledger. */
    std::vector<TransportScalars> transports;
    /** Per species: the moles its sources put in [mol]. */
    std::vector<double> released;
    /** H2 held as gas [mol]. */
    double gas_moles = 0;
    /** Mg(OH)2 held as solid [mol]. */
    double solid_moles = 0;
    /** CO2 the gas_exchange surfaces' explicit part moved out [mol]. */
    double co2_exchanged = 0;
    /** Implant volume at the start of the run [m^3]. */
    double        initial_implant_volume = 0;
    RecorderState recorder;
    /** Cells of the coarse mesh (a different mesh cannot be loaded). */
    std::uint64_t coarse_cells = 0;
    /** (section, key, value) of every case value the run used. */
    std::vector<std::array<std::string, 3>> case_values;

    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int)
    {
      archive &clock &cells_opened &max_balance_error &transports &released
        &gas_moles &solid_moles &co2_exchanged &initial_implant_volume &recorder
          &coarse_cells &case_values;
    }
  };

  namespace checkpoint
  {
    /**
     * True for the keys that may differ between a run and its continuation:
     * the end time, the output directory and .vtu switch, [checkpoint].
     */
    bool
    may_change(const std::string &section, const std::string &key);

    /** The (section, key, value) list of @p parameters' resolved values. */
    std::vector<std::array<std::string, 3>>
    case_values(const CaseParameters &parameters);

    /**
     * The newest complete checkpoint directory under @p output_directory
     * (checkpoint.new, checkpoint, checkpoint.old), or "" if there is none.
     * Complete: its `complete` marker, written last, lists every file with
     * the size and CRC-32 it was written with, and each file still has
     * them. What was
     * passed over, and why, goes to @p skipped ("" if nothing). Throws
     * InputError if checkpoint or checkpoint.old is incomplete (damaged: it
     * got its name only once complete) and no complete one is left.
     */
    std::string
    find_latest(const std::string &output_directory,
                std::string       *skipped = nullptr);

    /**
     * Rank 0 empties OUTPUT/checkpoint.new and checks there is room for
     * about @p bytes (collective: OutputError on every rank if not);
     * returns its path, where the mesh and then the state are to be
     * written.
     */
    std::string
    begin(const std::string &output_directory,
          std::uintmax_t     bytes,
          MPI_Comm           comm);

    /** Writes @p state into @p directory (rank 0 only): the last file. */
    void
    write_state(const std::string &directory, const RunState &state);

    /**
     * Closes the checkpoint written into checkpoint.new with its marker
     * (each file's size and CRC-32) and puts it in place of the previous
     * one (collective; rank 0 renames). If a write of it failed, removes it
     * and throws OutputError on every rank.
     */
    void
    commit(const std::string &output_directory, MPI_Comm comm);

    /** Reads the state of checkpoint @p directory (InputError if unreadable).
     */
    RunState
    read_state(const std::string &directory);

    /**
     * InputError naming @p directory and the first differing key unless the
     * case values @p now equal those the checkpoint was written with. The
     * end time, the output directory and .vtu switch and [checkpoint] may
     * change (to extend a run, or resume it from elsewhere).
     */
    void
    check_same_case(const std::string                             &directory,
                    const std::vector<std::array<std::string, 3>> &saved,
                    const std::vector<std::array<std::string, 3>> &now);

    /**
     * InputError on every rank unless the CSV files in @p output_directory
     * are at least as long as when @p state was saved (rank 0 looks;
     * collective). The checkpoint's own files find_latest() has checked.
     */
    void
    check_files(const std::string &output_directory,
                const RunState    &state,
                MPI_Comm           comm);
  } // namespace checkpoint
} // namespace mgsim
