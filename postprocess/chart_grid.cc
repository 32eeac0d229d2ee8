#include "chart_grid.h"

#include "display.h"

#include <vtkChartMatrix.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkVector.h>

namespace mgsim_post
{
  void
  save_chart_grid(const unsigned int                                     count,
                  const std::function<void(unsigned int, vtkChartXY *)> &draw,
                  const unsigned int                                     width,
                  const unsigned int                                     height,
                  const std::string                                     &file)
  {
    const int columns = 2;
    const int rows    = (int(count) + columns - 1) / columns;
    auto      view    = vtkSmartPointer<vtkContextView>::New();
    view->GetRenderer()->SetBackground(1, 1, 1);
    view->GetRenderWindow()->SetSize(width, height);
    auto matrix = vtkSmartPointer<vtkChartMatrix>::New();
    matrix->SetSize(vtkVector2i(columns, rows));
    // Room for the axis titles and tick labels.
    matrix->SetGutter(vtkVector2f(90, 80));
    matrix->SetBorders(90, 60, 30, 30);
    view->GetScene()->AddItem(matrix);
    for (unsigned int k = 0; k < count; ++k)
      {
        // Row 0 is at the bottom: fill from the top.
        const vtkVector2i where(k % columns, rows - 1 - int(k / columns));
        draw(k, vtkChartXY::SafeDownCast(matrix->GetChart(where)));
      }
    save_png(view->GetRenderWindow(), file);
  }
} // namespace mgsim_post
