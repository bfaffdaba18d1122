/** The settings every SSH session of a run shares; session.ts connects with them, argv.ts turns them into ssh's arguments. */

/** How every session of a run connects (the same for all hosts). */
export interface SshConfig {
  /** The run's private folder (0700): control sockets, the key, known_hosts, forwarded sockets. */
  controlDir: string;
  /** The private key file (0600); undefined: ssh's agent or default keys. */
  keyFile?: string;
  /** known_hosts written from the input; undefined only with the insecure switch. */
  knownHostsFile?: string;
  insecure: boolean;
  /** Checked `Option=value` words from ssh-options. */
  options: readonly string[];
  /** How long the master stays after its last command (seconds); the post step closes it earlier. */
  persistSeconds?: number;
}
