#pragma once
#include <deal.II/base/utilities.h>
#include <iostream>
inline void mem_probe(const char *what){ dealii::Utilities::System::MemoryStats m; dealii::Utilities::System::get_memory_stats(m); if(getenv("MGSIM_PROBE")) std::cerr<<"PROBE "<<what<<" RSS "<<m.VmRSS/1024<<" MB HWM "<<m.VmHWM/1024<<" MB\n"; }
