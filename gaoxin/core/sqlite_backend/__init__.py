"""Django's SQLite backend, reading a number that does not fit its decimal column as NaN instead of failing.

SQLite keeps whatever number it is given in a decimal column; Django's converter then raises on reading one
that exceeds the column's digits, and every list showing the row returns 500. PostgreSQL refuses such a
number on writing but may hold NaN, which reads as ``Decimal("NaN")``: this backend gives the same on SQLite,
so pages and exports have one kind of invalid stored number to show (``core.stored_values``).
"""
