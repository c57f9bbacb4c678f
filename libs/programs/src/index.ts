export * from './programs.module';
export * from './programs.service';
export * from './programs.error';
export * from './program-calendar';
export * from './dto/program-settings.dto';
export * from './dto/program-overview.dto';
export * from './dto/screening-parameters.dto';
