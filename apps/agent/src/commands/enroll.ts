import { enrollDevice } from "../enroll-device.ts";
import { defineCommand, requiredOption, serverUrlOption, STATE_DIR_OPTION, stateDirOption } from "./define-command.ts";

/** `enroll`: enrolls this machine (enroll-device.ts) and prints what was done. */
async function enrollCommand(options: { server: string; installKey: string; stateDir: string }): Promise<number> {
  console.log(await enrollDevice(options));
  return 0;
}

export const enroll = defineCommand({
  name: "enroll",
  synopsis: ["enroll --server <url> --install-key <key>"],
  summary: ["enroll this device with a customer"],
  options: { server: { type: "string" }, "install-key": { type: "string" }, ...STATE_DIR_OPTION },
  run: (values) =>
    enrollCommand({
      server: serverUrlOption(values.server),
      installKey: requiredOption(values["install-key"], "install-key"),
      stateDir: stateDirOption(values["state-dir"]),
    }),
});
