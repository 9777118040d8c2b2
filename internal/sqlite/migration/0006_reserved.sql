-- Reserved: keeps the numbering whole until the direct-events change takes this number.
SELECT 1;
