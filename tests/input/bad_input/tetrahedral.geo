// A tetrahedral mesh of the wire geometry: p4est cannot take it, mgsim must say so.
SetFactory("OpenCASCADE");
Cylinder(1) = {0, 0, -2.5, 0, 0, 5, 0.25};
Cylinder(2) = {0, 0, -5, 0, 0, 10, 3};
BooleanFragments{ Volume{2}; Delete; }{ Volume{1}; Delete; }
Physical Volume("wire") = {1};
Physical Volume("tissue") = {2};
Physical Surface("outer") = {4, 5, 6};
Mesh.MeshSizeMax = 1.5;
