-- Niangjia schema starts here; each domain adds its own numbered file
-- (tickets 0001-0009, console and notices 0010-0029).
SELECT 1;
