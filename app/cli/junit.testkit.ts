// The JUnit reports' check against the Jenkins/Ant JUnit schema (testdata/junit-jenkins.xsd),
// shared by the report tests: xmllint's verdict on a file.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** xmllint's exit status and what it said (`FILE validates` when it does). */
export function junitSchemaCheck(file: string): { status: number | null; stderr: string } {
  const xsd = path.join(__dirname, 'testdata', 'junit-jenkins.xsd');
  const { status, stderr } = spawnSync('xmllint', ['--noout', '--schema', xsd, file], {
    encoding: 'utf8',
  });
  return { status, stderr };
}
