// Replaced by the silo host entry point (work in progress in this session).
return 0;
