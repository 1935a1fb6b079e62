export {
  TEST_PASSWORD,
  unique,
  createTechnicianRow,
  createCustomerRow,
  createDeviceRow,
  enrollBody,
  checkinBody,
  createHelpdeskDeviceRow,
  createTicketRow,
} from "./factories.ts";
export { createScratchDatabase, withDatabaseEnv, type ScratchDatabase } from "./scratch-database.ts";
