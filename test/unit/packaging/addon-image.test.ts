import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asDict, readRepoText, readRepoYaml, repoRoot, trackedFiles, trackedMode } from './repo-files.js';

const SERVICE = 'addon/rootfs/etc/s6-overlay/s6-rc.d/majordome';
const APPARMOR_PARSER = '/usr/sbin/apparmor_parser';

describe('the add-on image', () => {
  const dockerfile = readRepoText('Dockerfile');
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
  const nodeMajor = /^ARG NODE_MAJOR=(\d+)$/m.exec(dockerfile)?.[1];

  it('runs on the HA Debian base, with Node copied from a build stage of the one Node major it names', () => {
    expect(stages.at(-1)).toMatch(/^ghcr\.io\/home-assistant\/base-debian:(bookworm|trixie)$/);
    expect(nodeMajor).toBe('22');
    expect(stages[0]).toBe('node:${NODE_MAJOR}-bookworm-slim');
    expect(dockerfile).toMatch(/^COPY --from=build \/usr\/local\/bin\/node /m);
  });

  // scripts/test.sh runs the suite on the image's Node and says so in this variable; a bare
  // `npx vitest` on another Node skips it.
  it.skipIf(!process.env.MAJORDOME_SUITE_NODE_MAJOR)('is what the test command runs the suite on', () => {
    expect(process.env.MAJORDOME_SUITE_NODE_MAJOR).toBe(nodeMajor);
    expect(process.versions.node.split('.')[0]).toBe(nodeMajor);
  });

  it('ships only the native addon of better-sqlite3, not its sources and build leftovers', () => {
    const buildStep = /^RUN npm run build[^]*?[^\\]\n/m.exec(dockerfile)?.[0] ?? '';
    expect(buildStep).toContain('npm prune --omit=dev');
    expect(buildStep).toMatch(/rm -rf build deps src/);
    expect(buildStep).toMatch(/mv \/tmp\/better_sqlite3\.node build\/Release\//);
  });

  it('has a health check on the ingress port instead of the obsolete watchdog', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK\b[^]*http:\/\/127\.0\.0\.1:8099\/api\/health/m);
  });

  it('installs Debian chromium for the browser tool and labels itself an add-on', () => {
    expect(dockerfile).toMatch(/apt-get install[^]*\bchromium\b/);
    expect(dockerfile).toMatch(/io\.hass\.type="addon"/);
    expect(dockerfile).toMatch(/^COPY addon\/rootfs \/$/m);
  });

  it('starts the built server from an s6 service whose scripts are executable in git', () => {
    const pkg = asDict(JSON.parse(readRepoText('package.json')), 'package.json');
    const run = readRepoText(`${SERVICE}/run`);
    expect(run.split('\n')[0]).toBe('#!/command/with-contenv bashio');
    expect(run).toContain(`exec /command/s6-setuidgid majordome node /opt/majordome/${String(pkg.main)}`);
    expect(readRepoText(`${SERVICE}/type`).trim()).toBe('longrun');
    expect(trackedMode(`${SERVICE}/run`)).toBe('100755');
    expect(trackedMode(`${SERVICE}/finish`)).toBe('100755');
    expect(trackedMode('addon/rootfs/etc/s6-overlay/s6-rc.d/user/contents.d/majordome')).toBeDefined();
  });

  // A renderer bug on a page the agent opens must not run as root: the server, and so Chromium
  // (whose own sandbox only runs for a user other than root), runs as an unprivileged user.
  it('creates an unprivileged system user for the server', () => {
    const useradd = dockerfile.replace(/\\\n\s*/g, ' ').match(/^RUN (?:.* && )?(useradd [^\n&]*)/m)?.[1] ?? '';
    expect(useradd).toMatch(/--system\b/);
    expect(useradd).toMatch(/--shell \/usr\/sbin\/nologin\b/);
    expect(useradd).toMatch(/ majordome\s*$/);
  });

  it('starts node as that user, with the Supervisor token still in its environment', () => {
    const run = readRepoText(`${SERVICE}/run`);
    const lines = run.split('\n').filter((line) => !line.trimStart().startsWith('#') && line.trim() !== '');
    // with-contenv hands the container environment (SUPERVISOR_TOKEN) on; s6-setuidgid keeps it.
    expect(run.split('\n')[0]).toBe('#!/command/with-contenv bashio');
    expect(lines.filter((line) => /^\s*exec\b/.test(line))).toEqual([expect.stringMatching(/^exec \/command\/s6-setuidgid majordome node /)]);
    expect(run).toMatch(/^export HOME=\/home\/majordome\b/m);
    // The script parses (bash -n reads it without running anything).
    execFileSync('bash', ['-n', resolve(repoRoot, SERVICE, 'run')], { stdio: 'pipe' });
  });

  it('hands /data to that user alone at each start, options.json included (the Supervisor rewrites it as root)', () => {
    const run = readRepoText(`${SERVICE}/run`);
    const setup = run.slice(0, run.indexOf('exec /command/s6-setuidgid'));
    expect(setup).toMatch(/^chown -R majordome:majordome \/data$/m);
    expect(setup).toMatch(/^chmod 0700 \/data$/m);
    expect(setup).toMatch(/^\s*chown majordome:majordome \/data\/options\.json$/m);
    expect(setup).toMatch(/^\s*chmod 0600 \/data\/options\.json$/m);
  });

  it('lets the AppArmor profile run what the start script does', () => {
    const profile = readRepoText('apparmor.txt');
    for (const rule of ['capability chown,', 'capability fowner,', 'capability setuid,', 'capability setgid,', '/command/** ix,', '/data/ rw,', 'owner /home/majordome/** rwkl,']) {
      expect(profile).toContain(rule);
    }
  });

  it('ships an AppArmor profile named after the slug, with /data writable', () => {
    const manifest = asDict(readRepoYaml('config.yaml'), 'config.yaml');
    const profile = readRepoText('apparmor.txt');
    expect(profile).toMatch(new RegExp(`^profile ${String(manifest.slug)} flags=\\(attach_disconnected,mediate_deleted\\) \\{`, 'm'));
    expect(profile).toMatch(/^\s*\/data\/\*\* rw\w*,$/m);
    expect(profile).toMatch(/^\s*network,$/m);
  });

  // scripts/test.sh installs the parser (Debian's apparmor) when it can.
  it.skipIf(!existsSync(APPARMOR_PARSER))('has an AppArmor profile that the parser accepts', () => {
    // -Q: parse and compile only, load nothing into the kernel; -K: no cache.
    execFileSync(APPARMOR_PARSER, ['-Q', '-K', resolve(repoRoot, 'apparmor.txt')], { stdio: 'pipe' });
  });
});

describe('the add-on repository', () => {
  it('has no other file the Supervisor would read as an add-on manifest', () => {
    const manifests = trackedFiles().filter((path) => /(^|\/)config\.(json|ya?ml)$/.test(path));
    expect(manifests).toEqual(['config.yaml']);
  });

  it('names itself and its maintainer in repository.yaml', () => {
    const repository = asDict(readRepoYaml('repository.yaml'), 'repository.yaml');
    expect(repository.name).toEqual(expect.stringMatching(/\S/));
    expect(repository.maintainer).toEqual(expect.stringMatching(/\S/));
  });

  it.each([
    ['icon.png', 128, 128],
    ['logo.png', 250, 100],
  ])('%s is a %i×%i PNG with transparency', (file, width, height) => {
    const png = readFileSync(resolve(repoRoot, file));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width, height]);
    expect(png[25], 'colour type 6: RGBA').toBe(6);
  });

  it('documents the add-on beside config.yaml', () => {
    for (const file of ['DOCS.md', 'CHANGELOG.md']) expect(trackedFiles()).toContain(file);
    const manifest = asDict(readRepoYaml('config.yaml'), 'config.yaml');
    expect(readRepoText('CHANGELOG.md')).toContain(`## ${String(manifest.version)}`);
  });
});
