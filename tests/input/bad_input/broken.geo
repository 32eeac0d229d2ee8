// A gmsh file with a syntax error.
Point(1) = {0, 0, 0;
